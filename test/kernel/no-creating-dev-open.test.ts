// No file in src/ or tools/ may open a device path in a way that creates a file: after the device
// went, O_CREAT (fs 'w'/'a' flags, writeFileSync without flag 'r+', dd of= without conv=nocreat,
// shell `>`) would leave a regular file at /dev/zramN that swallows writes meant for a new device.
import * as fs from 'node:fs';
import * as path from 'node:path';

// a device path: literal /dev/... (not the harmless /dev/null, /dev/zero, /dev/urandom, stdio),
// the $DEV/$PART of workload scripts, or a variable named like a node
const DEV = String.raw`(?:/dev/(?!null\b|zero\b|urandom\b|random\b|std|fd/|shm\b)|\$\{?(?:DEV|PART)\b|"\$DEV"|` +
  String.raw`\b(?:node|devPath|devNode)\b|\.(?:node|devPath)\b)`;
const RULES: [string, RegExp][] = [
  ['fs open with a creating flag',
    new RegExp(String.raw`openSync\([^;]*${DEV}[^;]*,\s*(?:'[wa]\+?x?'|[^;)]*O_CREAT)`)],
  ['writeFileSync/appendFileSync without flag r+',
    new RegExp(String.raw`(?:writeFileSync|appendFileSync)\([^,;]*${DEV}(?![^;]*flag:\s*'r\+')`)],
  ['createWriteStream without flags r+',
    new RegExp(String.raw`createWriteStream\([^,;]*${DEV}(?![^;]*flags:\s*'r\+')`)],
  ['dd of= without conv=nocreat', new RegExp(String.raw`\bof=["']?${DEV}(?![^'\`\]]*nocreat)`)],
  ['shell redirection to a device path', new RegExp(String.raw`[^0-9&=]>>?\s*["']?${DEV}`)],
];

/** `file:line: rule` for every creating open of a device path in `source`. */
export function creatingDevOpens(source: string, file: string): string[] {
  const out: string[] = [];
  source.split('\n').forEach((line, i) => {
    if (/^\s*(?:\/\/|\/?\*)/.test(line)) return; // comments
    for (const [rule, re] of RULES) if (re.test(line)) out.push(`${file}:${i + 1}: ${rule}`);
  });
  return out;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : /\.(ts|js|sh|py)$/.test(e.name) ? [p] : [];
  });
}

describe('no creating opens of device paths', () => {
  test.each([
    ["fs.writeFileSync(`/dev/zram${id}`, buf);", 'writeFileSync'],
    ["const fd = fs.openSync('/dev/zram3', 'w');", 'fs open'],
    ['const fd = fs.openSync(node, fs.constants.O_WRONLY | fs.constants.O_CREAT);', 'fs open'],
    ["fs.appendFileSync(d.devPath, 'x');", 'writeFileSync'],
    ["fs.createWriteStream(`/dev/${dev}`);", 'createWriteStream'],
    ["'dd if=/dev/urandom of=$DEV bs=4k count=1 oflag=direct status=none'", 'dd of='],
    ["spawnSync('dd', ['if=/dev/zero', `of=/dev/zram${id}`, 'bs=4096'])", 'dd of='],
    ['`head -c 4096 /dev/urandom > /dev/zram${id}`', 'shell redirection'],
    ["'cat x >\"$DEV\"'", 'shell redirection'],
  ])('detects %s', (line, rule) => {
    expect(creatingDevOpens(line, 'x.ts')).toEqual([expect.stringContaining(`x.ts:1: ${rule}`)]);
  });

  test.each([
    "fs.openSync(`/dev/zram${id}`, 'r');",
    'fs.openSync(node, fs.constants.O_RDWR | fs.constants.O_DIRECT);',
    "fs.writeFileSync(`/dev/zram${id}`, buf, { flag: 'r+' });",
    "'dd if=/dev/urandom of=$DEV conv=nocreat bs=4k oflag=direct status=none'",
    "'dd if=$DEV of=/dev/null bs=64k iflag=direct'",
    "fs.openSync('/dev/null', 'w');",
    'echo 1 > /sys/block/zram3/reset 2>/dev/null',
    "fs.writeFileSync(path.join(dir, 'state.json'), text);",
    'const ids = nodes.map((node) => node.id);',
    ' * left by `dd of=/dev/zramN` after the device went',
  ])('accepts %s', (line) => {
    expect(creatingDevOpens(line, 'x.ts')).toEqual([]);
  });

  test('src/ and tools/ have none', () => {
    const root = path.resolve(__dirname, '../..');
    const files = [...tsFiles(path.join(root, 'src')), ...tsFiles(path.join(root, 'tools'))];
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => creatingDevOpens(fs.readFileSync(f, 'utf8'), path.relative(root, f)));
    expect(found).toEqual([]);
  });
});
