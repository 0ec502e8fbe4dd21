/** Stand-in for the parts of `async-test-util` that rxdb/plugins/test-utils uses. */
export function wait(ms = 0) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function randomString(length = 10, charset = 'abcdefghijklmnopqrstuvwxyz') {
  let text = '';
  for (let i = 0; i < length; i++) text += charset.charAt(Math.floor(Math.random() * charset.length));
  return text;
}

export async function waitUntil(predicate, timeout = 0, interval = 20) {
  const start = Date.now();
  while (!(await predicate())) {
    if (timeout !== 0 && Date.now() - start > timeout) throw new Error(`waitUntil: timeout of ${timeout} ms`);
    await wait(interval);
  }
}

export default { wait, randomString, waitUntil };
