import ts from 'typescript';

/** JSX attributes a person reads or hears (screen readers): their text must come from the translation files. */
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-roledescription',
  'aria-description',
  'aria-placeholder',
  'aria-valuetext',
  'title',
  'alt',
  'placeholder',
]);

/** Words, in any script: a literal without a letter ("·", "–", " / ", "✓") needs no translation. */
const HAS_LETTER = /\p{L}/u;

/** A piece of text written into a component instead of taken from a language file. */
export interface HardCodedText {
  file: string;
  line: number;
  text: string;
}

/** A string in a comparison (`tone === 'in'`), a `case`, or a call's argument (a translation key) is not text shown. */
function isNotShown(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    return (
      op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      op === ts.SyntaxKind.EqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsToken ||
      op === ts.SyntaxKind.InKeyword
    );
  }
  return (
    ts.isCaseClause(parent) ||
    ts.isCallExpression(parent) ||
    ts.isElementAccessExpression(parent) ||
    ts.isJsxAttribute(parent) ||
    ts.isPropertyAssignment(parent)
  );
}

/**
 * The visitor-facing text hard-coded in one .tsx source: JSX text with a letter, strings with a letter put on
 * screen from a JSX expression (`{online ? 'In linea' : …}`), and string values of the attributes in
 * READ_ATTRIBUTES. Text from `t(…)`, props and data is not flagged; neither are translation keys, comparisons or
 * other attributes (`type="button"`, `dir="auto"`).
 */
export function hardCodedText(file: string, source: string): HardCodedText[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: HardCodedText[] = [];
  const report = (node: ts.Node, text: string) => {
    if (!HAS_LETTER.test(text)) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    found.push({ file, line, text: text.trim() });
  };
  const visit = (node: ts.Node, inChildExpression: boolean) => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      const value = node.initializer;
      if (READ_ATTRIBUTES.has(name) && value) {
        if (ts.isStringLiteral(value)) report(value, value.text);
        else if (ts.isJsxExpression(value) && value.expression) visit(value.expression, true);
      }
      return;
    } else if (ts.isJsxExpression(node) && ts.isJsxElement(node.parent)) {
      if (node.expression) visit(node.expression, true);
      return;
    } else if (
      inChildExpression &&
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      !isNotShown(node)
    )
      report(node, node.text);
    else if (inChildExpression && ts.isTemplateExpression(node) && !isNotShown(node)) {
      report(node.head, node.head.text);
      for (const span of node.templateSpans) report(span.literal, span.literal.text);
    }
    // Arrow functions inside JSX (event handlers) do not put text on screen; JSX they return is visited as JSX.
    const nested = inChildExpression && !ts.isJsxElement(node) && !ts.isJsxSelfClosingElement(node);
    ts.forEachChild(node, (child) => visit(child, nested && !ts.isArrowFunction(node)));
  };
  visit(sf, false);
  return found;
}
