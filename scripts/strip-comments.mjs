// Copies a JS or CSS file without its comment lines (build-widgets.sh, for the files a widget
// fetches): whole lines that are `// …` comments, and `/* … */` / `/** … */` blocks that start a
// line and end one. Code lines, and comments after code on a line, are kept as they are, so the
// result runs exactly as the source in www/ (which keeps the comments). Usage: node
// scripts/strip-comments.mjs IN OUT
import fs from 'node:fs';

const [input, output] = process.argv.slice(2);
const out = [];
let inBlock = false;
for (const line of fs.readFileSync(input, 'utf8').split('\n')) {
  const t = line.trim();
  if (inBlock) {
    if (t.endsWith('*/')) inBlock = false;
    continue;
  }
  if (t.startsWith('//') || t === '') continue;
  if (t.startsWith('/*')) {
    if (!t.endsWith('*/')) inBlock = true;
    continue;
  }
  out.push(line);
}
fs.writeFileSync(output, `${out.join('\n')}\n`);
