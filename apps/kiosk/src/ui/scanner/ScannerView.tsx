import { type CSSProperties, useEffect, useRef, useState } from 'react';
import it from '../../../../../resources/translations/it.json';
import { type CameraMessageKey, cameraErrorMessage, italianCameraText } from './camera-errors';
import { FrameThrottle } from './frame-throttle';
import { GuidanceThrottle } from './guidance-throttle';
import styles from './ScannerView.module.css';
import { ScanDedupe } from './scan-dedupe';
import { type ScanGuidance, type Sighting, scanGuidance } from './scan-guidance';
import { decodeSize, scanRegion } from './scan-region';
import { ScannerClient, type ScanWorkerReady, type ScanWorkerResult } from './scanner-client';

type ScanSource = 'camera';

export interface ScannerViewProps {
  /** called once per card shown (see ScanDedupe), with the decoded text, unverified */
  onScan: (text: string, source: ScanSource) => void;
  /** every frame the worker answered (diagnostics: which pass read it, how long it took) */
  onDecode?: (result: ScanWorkerResult) => void;
  /** the worker built its pipeline (lists the passes; says why ZXing-C++ is missing, if it is) */
  onWorkerReady?: (ready: ScanWorkerReady) => void;
  /** false stops decoding (e.g. while an answer fills the screen) but keeps the camera running */
  active?: boolean;
  /** side of the scan frame, as a fraction of the preview's shorter side */
  frameFraction?: number;
  /** at most one decode every this many ms (a camera gives one frame every 33–50 ms) */
  intervalMs?: number;
  /** the same text is reported again only after being out of sight this long */
  absentMs?: number;
  /**
   * the caller's dedupe, shared with its other scanners and kept across screens (its answered cards stay held
   * while the camera restarts); by default one of the view's own, with `absentMs`
   */
  dedupe?: ScanDedupe;
  /** visitor-facing texts: the caller passes them translated (Italian defaults, from it.json) */
  /** shown under the preview; empty: nothing (the caller shows its own prompt) */
  hint?: string;
  startingHint?: string;
  previewLabel?: string;
  /** the camera's failure messages in the visitor's language (Italian by default) */
  cameraText?: (key: CameraMessageKey) => string;
  /** what to say when the camera cannot start, for screens that are not the visitor's (default: cameraText's) */
  failureMessage?: (error: unknown) => string;
  /**
   * the live guidance's texts (see scan-guidance.ts), translated by the caller; without them no guidance shows
   */
  guidance?: Readonly<Record<ScanGuidance, string>>;
  /**
   * true: the preview fills its parent's box (whose size must be definite, e.g. a grid cell), as large as fits at
   * the camera's 4:3; false: as wide as its parent, up to 40 rem
   */
  fill?: boolean;
}

/** Largest side of the crop handed to the worker: enough for a version-10 card code held at arm's length. */
const MAX_DECODE_SIDE = 480;
/** How often the loop looks for a frame when the camera's frame callbacks do not wake it (ms). */
const FALLBACK_TICK_MS = 50;

// The failure itself is kept, not its message: a language tapped afterwards translates it again.
type CameraState = { kind: 'starting' } | { kind: 'running' } | { kind: 'failed'; error: unknown };

/**
 * The camera preview with its scan frame. Frames are throttled, cropped to the frame and decoded in a Web
 * Worker (ScannerClient), so the UI never waits on ZXing; the same card held up is reported once.
 */
export function ScannerView({
  onScan,
  onDecode,
  onWorkerReady,
  active = true,
  frameFraction = 0.7,
  intervalMs = 40,
  absentMs = 3000,
  hint = it.ui.prompt,
  startingHint = it.ui.startingCamera,
  previewLabel = it.ui.cameraPreview,
  cameraText = italianCameraText,
  dedupe: shared,
  failureMessage,
  guidance: guidanceTexts,
  fill = false,
}: ScannerViewProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [camera, setCamera] = useState<CameraState>({ kind: 'starting' });
  const [guidance, setGuidance] = useState<ScanGuidance | null>(null);
  // Latest props for the long-lived loop, without restarting the camera when they change.
  const latest = useRef({
    onScan,
    onDecode,
    onWorkerReady,
    active,
    frameFraction,
    intervalMs,
  });
  latest.current = { onScan, onDecode, onWorkerReady, active, frameFraction, intervalMs };
  const own = useRef<ScanDedupe | null>(null);
  own.current ??= shared ? null : new ScanDedupe(absentMs);
  const dedupe = useRef(shared ?? (own.current as ScanDedupe));
  dedupe.current = shared ?? (own.current as ScanDedupe);

  useEffect(() => {
    if (!active) dedupe.current.reset();
  }, [active]);

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const client = ScannerClient.start();
    client.ready.then((ready) => {
      if (!stopped) latest.current.onWorkerReady?.(ready);
    });
    const throttle = new FrameThrottle(latest.current.intervalMs);
    const hints = new GuidanceThrottle();
    let lastSighting: Sighting | null = null;
    /** The live guidance from one answered frame: read → none; seen but not read → maybe a hint (throttled). */
    const guide = (result: ScanWorkerResult) => {
      const now = performance.now();
      if (result.text !== null || !latest.current.active) hints.clear();
      const suggestion = result.sighting ? scanGuidance(result.sighting, lastSighting) : null;
      lastSighting = result.sighting;
      setGuidance(result.text !== null ? null : hints.update(suggestion, now));
    };

    // A frame goes to the decoder as soon as the camera presents one and the worker is free (at most one every
    // `intervalMs`): sampling on a fixed timer made a card wait up to 150 ms before its first frame was even looked
    // at (bench:kiosk, 2026-12-08: that wait was half of the card-to-answer time). requestVideoFrameCallback wakes
    // the loop per camera frame; the timer stays as a fallback where it is missing or a frame callback is lost.
    let frameArrivedWhileBusy = false;
    const grab = () => {
      const video = videoRef.current;
      const now = performance.now();
      if (!video || !latest.current.active || video.readyState < 2 || video.videoWidth === 0) return;
      if (throttle.busy) {
        frameArrivedWhileBusy = true;
        return;
      }
      if (!throttle.ready(now)) return;
      frameArrivedWhileBusy = false;
      const region = scanRegion(video.videoWidth, video.videoHeight, latest.current.frameFraction);
      const size = decodeSize(region, MAX_DECODE_SIDE);
      throttle.sent(now);
      createImageBitmap(video, region.x, region.y, region.width, region.height, {
        resizeWidth: size.width,
        resizeHeight: size.height,
        resizeQuality: 'medium',
      })
        .then((bitmap) => client.decodeBitmap(bitmap))
        .then((result) => {
          if (stopped) return;
          latest.current.onDecode?.(result);
          guide(result);
          if (result.text === null || !latest.current.active) return;
          if (dedupe.current.accept(result.text, performance.now()))
            latest.current.onScan(result.text, 'camera');
        })
        .catch((error: unknown) => {
          if (!stopped) console.warn('scanner: frame not decoded', error);
        })
        .finally(() => {
          throttle.done();
          // The newest frame is already on the <video>: look at it now rather than at the next one.
          if (!stopped && frameArrivedWhileBusy) grab();
        });
    };
    const tick = () => {
      if (stopped) return;
      timer = setTimeout(tick, FALLBACK_TICK_MS);
      grab();
    };
    const onFrame = () => {
      if (stopped) return;
      videoRef.current?.requestVideoFrameCallback(onFrame);
      grab();
    };

    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia)
          throw Object.assign(new Error('no getUserMedia'), { name: 'Unsupported' });
        stream = await navigator.mediaDevices.getUserMedia({
          audio: false,
          video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' },
        });
        if (stopped) return;
        const video = videoRef.current;
        if (!video) return;
        video.srcObject = stream;
        await video.play();
        if (stopped) return;
        setCamera({ kind: 'running' });
        if (typeof video.requestVideoFrameCallback === 'function') video.requestVideoFrameCallback(onFrame);
        tick();
      } catch (error) {
        if (!stopped) setCamera({ kind: 'failed', error });
      }
    })();

    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
      client.terminate();
    };
  }, []);

  if (camera.kind === 'failed')
    return (
      <div className={styles.error} role="alert">
        {failureMessage ? failureMessage(camera.error) : cameraErrorMessage(camera.error, cameraText)}
      </div>
    );
  const caption = camera.kind === 'starting' ? startingHint : hint;
  const shownGuidance = guidanceTexts && active ? guidance : null;
  const scanner = (
    <div className={styles.scanner} style={{ '--scan-fraction': frameFraction } as CSSProperties}>
      <video ref={videoRef} muted playsInline aria-label={previewLabel} />
      <div className={styles.frame} aria-hidden="true" />
      {/* Over the preview, where the visitor is looking; always in the page so screen readers hear it change. */}
      <p className={styles.guidance} aria-live="assertive" data-guidance={shownGuidance ?? undefined}>
        {shownGuidance && guidanceTexts ? guidanceTexts[shownGuidance] : null}
      </p>
    </div>
  );
  return (
    <figure className={fill ? styles.filled : undefined}>
      {fill ? <div className={styles.stage}>{scanner}</div> : scanner}
      {caption ? (
        <figcaption className={styles.hint} aria-live="polite">
          {caption}
        </figcaption>
      ) : null}
    </figure>
  );
}
