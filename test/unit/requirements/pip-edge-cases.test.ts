// Differential tests against pip on hand-written edge cases of the requirements-file format (each
// case is its own file, so pip's rejection of one does not hide the others). The same comparison
// as the corpus conformance test: every requirement field equal, every rejected file gets an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseFile } from '../../../src/cli/parse';
import { nodeFileReader } from '../../../src/system/fileReader';
import { compareFile, noPip, ours, runPip } from './pipHelper';

const ENV = { AED_VERSION: '1.2.3', AED_HOST: 'example.org', AED_EMPTY: '' };

export const CASES: Record<string, string | Record<string, string>> = {
  continuation: 'foo\\\nbar==1\n',
  continuationThenComment: 'foo==1 \\\n  # comment\nbar\n',
  backslashesStripped: '\\\\foo\\\\\n',
  hashNotComment: 'foo==1#notcomment\n',
  markerThenComment: "foo ; python_version<'3.8' # c\n",
  editablePathExtras: '-e ./proj[dev]\n',
  editableVcs: '-e git+https://github.com/a/b.git#egg=b\n',
  editableVcsNoEgg: '-e git+https://github.com/a/b.git\n',
  editableBareGit: '-e git://github.com/a/b.git#egg=b\n',
  editableHttp: '-e https://example.com/b.tar.gz#egg=b\n',
  indexUrlEquals: '--index-url=https://x.org/simple --pre\n',
  shortGlued: '-ihttps://x.org/simple\n',
  abbreviation: '--extra https://x.org/simple\nfoo\n',
  ambiguous: '--pr\n',
  hashes: 'foo==1 --hash sha256:abc --hash=sha512:def --hash=sha256:012\n',
  badHash: 'foo --hash=md5:abc\n',
  hashNoColon: 'foo --hash=abc\n',
  reqOptions: 'foo -C key=val --global-option=--x --config-settings=a=b\n',
  markerGrammar: "foo; python_version<'3' and (sys_platform=='linux' or os_name == \"nt\") or 'x' not in platform_release\n",
  extrasAndParens: 'foo[ a , b ] (>=1, <2)\n',
  wildcardGe: 'foo>=1.0.*\n',
  localLe: 'foo<=1.0+local\n',
  arbitrary: 'foo===weird-thing\n',
  tarballEgg: 'https://example.com/pkg.tar.gz#egg=pkg\n',
  nameAtWheel: "pkg @ https://example.com/pkg-1.0-py3-none-any.whl ; python_version>'3'\n",
  wheelUrlMarker: "https://example.com/a/torch-2.1.0%2Bcu121-cp311-cp311-linux_x86_64.whl ; python_version>'3'\n",
  badWheelName: 'https://example.com/a/torch-2.1.0.whl\n',
  tabBeforeOption: 'foo\t--hash=sha256:abc\n',
  envVars: 'foo==${AED_VERSION}\n--index-url https://${AED_HOST}/simple\nbar==${AED_UNSET}1\n',
  envEmpty: 'foo${AED_EMPTY}==1\n',
  includes: { 'main.txt': '-r sub/sub.txt\nfoo\n', 'sub/sub.txt': '-c ../c.txt\nbar\n', 'c.txt': 'bar<2\n-r more.txt\n', 'more.txt': 'baz\n' },
  missingInclude: '-r nothere.txt\n',
  continuationAtEof: 'foo==1 \\',
  crOnly: 'a==1\rb==2\rc\r',
  crlf: 'a==1\r\nb==2 \\\r\n  --hash=sha256:ff\r\n',
  formFeed: 'foo\fbar\n',
  verticalTab: 'foo\vbar\n',
  bomFile: '\ufeffa==1\nb\n',
  nonReqOptionIgnored: 'foo[bar]==1 --no-binary :all:\n',
  binaryOptions: '--no-binary=:all: --only-binary foo\n',
  missingArg: '-r\n',
  flagWithValue: '--pre=1\n',
  configNoValue: 'foo --config-settings novalue\n',
  useFeature: '--use-feature=fast-deps\n',
  unknownOption: '--bogus-option\n',
  twoNames: 'foo bar\n',
  extraMarker: "foo==1 ; extra == 'x'\n",
  nameAtZip: 'name@https://x.org/p.zip\n',
  localArchive: './downloads/pkg-1.0.tar.gz\n',
  vcsEggExtras: 'git+https://github.com/a/b.git@v1#egg=b[x]&subdirectory=s\n',
  danglingOr: 'foo; python_version < "3" or\n',
  parenSpecifier: 'foo (==1.0)\n',
  trailingComma: 'foo>=1,\n',
  finderOptions: '--trusted-host host --find-links ./wheels --prefer-binary --require-hashes --no-index\n',
  quotedName: "'foo'\n",
  editableDot: '-e .\n',
  ignoredIndexOnReq: 'foo --index-url https://x.org/simple\n',
  includeWithOption: { 'main.txt': '-r inc.txt --pre\n', 'inc.txt': 'foo\n' },
  twoEditables: '-e ./a -e ./b\n',
  continuationAfterOption: 'foo==1.0 \\\n--hash=sha256:aa \\\n',
  indentedComment: '   # indented comment\nfoo\n',
  markerNoSpace: "foo ;python_version>='3'\n",
  mixedCaseName: 'FOO_bar.baz >= 1.0\n',
  spaceInVersion: 'foo == 1.0 .post1\n',
  fullVersion: 'foo==1.0.post1.dev2+abc.1\n',
  compatibleOnePart: 'foo~=1\n',
  notEqualWildcard: 'foo!=1.*\n',
  quotedOptionValue: '--extra-index-url "https://x.org/a b"\n',
  unclosedQuote: '--extra-index-url "https://x.org\n',
  dashDash: '-- foo\n',
  urlSemicolonNoSpace: 'https://example.com/pkg.tar.gz;python_version>"3"\n',
  eqOperator: 'foo=1.0\n',
  pathLike: './some/dir\n',
  markerOnly: ';python_version>"3"\n',
  emptyExtras: 'foo[]==1\n',
  uppercaseOperatorWord: 'foo; python_version > "3" AND os_name == "nt"\n',
  notIn: 'foo; "linux" not in sys_platform\n',
  dottedVariable: 'foo; os.name == "posix"\n',
  extrasBadComma: 'foo[a,]\n',
  vPrefix: 'foo==v1.0\n',
  epoch: 'foo>=1!2.0\n',
  duplicateLines: 'foo==1\nfoo==1\n',
};

test('agrees with pip on hand-written edge cases', { skip: noPip }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aed-pip-'));
  try {
    const mains: string[] = [];
    for (const [name, c] of Object.entries(CASES)) {
      const files = typeof c === 'string' ? { 'main.txt': c } : c;
      for (const [rel, text] of Object.entries(files)) {
        const p = path.join(dir, name, rel);
        mkdirSync(path.dirname(p), { recursive: true });
        writeFileSync(p, text, 'utf8');
      }
      mains.push(path.join(dir, name, 'main.txt'));
    }
    const saved = { ...process.env };
    Object.assign(process.env, ENV);
    let pip;
    try {
      pip = runPip(mains);
    } finally {
      for (const k of Object.keys(ENV)) if (!(k in saved)) delete process.env[k];
    }
    assert.ok(pip);
    const failures: string[] = [];
    let agree = 0;
    for (const p of pip) {
      const name = path.basename(path.dirname(p.file));
      const text = nodeFileReader.read(p.file) ?? '';
      const out = parseFile(p.file, text, nodeFileReader, { env: ENV, unpinned: false });
      const errors = out.diagnostics.filter((d) => d.severity === 'error');
      if (!p.ok) {
        if (errors.length) agree++;
        else failures.push(`${name}: pip rejects it (${p.error}) but we report no error`);
        continue;
      }
      const diffs = compareFile(out.requirements.map(ours), p.requirements);
      if (diffs.length) failures.push(`${name}: ${diffs.join('; ')}`);
      else if (errors.length) failures.push(`${name}: pip accepts it but we report ${errors.map((d) => d.message).join('; ')}`);
      else agree++;
    }
    console.log(`pip edge cases: ${agree}/${pip.length} agree`);
    assert.deepEqual(failures, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
