// Plans tools/interop's Prism runs: one per vendor spec in specs/ (all but statuskit-admin.yaml,
// the mock's own control plane, which no suite covers), each with the suite that names the spec
// and the path of the spec's first server URL.
//
// Prism routes a request by the spec's paths alone and forwards it to UPSTREAM + path, so for a
// spec whose server URL has a path (Symphony: https://.../pod) the upstream must end in that path
// and requests must come without it. The runner puts the server path in front of every request
// unless the profile's vendors.<suite>.base_path says otherwise: such a vendor gets a copy of the
// profile with base_path "/". The copy also says statuskit_mock: false, because the runner's
// session resets (POST /__admin/reset) would go through the same proxy to UPSTREAM/__admin/...,
// where the mock has no control plane; the scenarios then run as against a vendor's server,
// each restoring what it changed.
//
// Usage: node proxy-plan.mjs PROFILE OUT_DIR
// Prints one line per vendor: suite<TAB>spec<TAB>profile to use<TAB>server path ('' for none,
// last so that shell `read` keeps the empty field).
// Exits 1 when a vendor spec has no suite (or more than one).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse, stringify } from 'yaml';

const [profilePath, outDir] = process.argv.slice(2);
if (!profilePath || !outDir) {
  console.error('usage: proxy-plan.mjs PROFILE OUT_DIR');
  process.exit(2);
}
const specsDir = 'specs';
const suitesDir = 'conformance/suites';
const controlPlane = 'statuskit-admin.yaml';

const yamlFiles = (dir) => readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();
const suites = yamlFiles(suitesDir).map((file) => parse(readFileSync(join(suitesDir, file), 'utf8')));

// The path of a server URL ('https://host/pod/' -> '/pod'); server variables never occur in it.
function serverPath(spec) {
  const url = spec.servers?.[0]?.url ?? '';
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return path.replace(/\/+$/, '');
}

let failed = false;
for (const specFile of yamlFiles(specsDir).filter((name) => name !== controlPlane)) {
  const matching = suites.filter((suite) => suite.spec === specFile);
  if (matching.length !== 1) {
    console.error(`specs/${specFile}: ${matching.length} suites name it (want exactly one)`);
    failed = true;
    continue;
  }
  const suite = matching[0].suite;
  const path = serverPath(parse(readFileSync(join(specsDir, specFile), 'utf8')));
  let profileForRun = profilePath;
  if (path) {
    const profile = parse(readFileSync(profilePath, 'utf8'));
    profile.statuskit_mock = false;
    profile.vendors[suite] = { ...profile.vendors[suite], base_path: '/' };
    profileForRun = join(outDir, `profile-${suite}.yaml`);
    writeFileSync(profileForRun, `# ${basename(profilePath)} behind Prism (tools/interop-kit/proxy-plan.mjs)\n${stringify(profile)}`);
  }
  console.log([suite, join(specsDir, specFile), profileForRun, path].join('\t'));
}
process.exit(failed ? 1 : 0);
