// Rocket.Chat validator parity (issue 14 item 11): runs every request of rocketchat-corpus.mjs
// through Rocket.Chat's own validators (@rocket.chat/rest-typings, the ajv schemas the server
// checks requests with) and sends it to the mock; the mock must accept exactly what the
// validator accepts. "The mock rejects" means a 400 with errorType invalid-params (the answer
// Rocket.Chat gives when its validator fails) or a 400 "malformed JSON" (the mock could not read
// the body; every corpus text is valid JSON, which Rocket.Chat reads with JSON.parse, so this is
// a refusal Rocket.Chat would not make). Any other answer, a 400 "User not found" included,
// means the request got past validation. A 5xx is reported as an error of its own.
//
// Usage: node --import ./register-bundler-esm.mjs rocketchat-parity.mjs \
//          --base-url http://127.0.0.1:PORT --profile fixtures/targets/mock.yaml --summary FILE
// Prints every disagreement; writes key=value figures to FILE; exits 1 on a disagreement or an
// error, 2 on bad usage.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { isUserSetActiveStatusParamsPOST } from '@rocket.chat/rest-typings/dist/v1/users/UserSetActiveStatusParamsPOST.js';
import { isUsersInfoParamsGetProps } from '@rocket.chat/rest-typings/dist/v1/users/UsersInfoParamsGet.js';
import { setActiveStatusBodies, usersInfoQueries } from './rocketchat-corpus.mjs';

const { values: options } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    profile: { type: 'string' },
    summary: { type: 'string' },
  },
});
if (!options['base-url'] || !options.profile || !options.summary) {
  console.error('usage: rocketchat-parity.mjs --base-url URL --profile PROFILE --summary FILE');
  process.exit(2);
}
const baseUrl = options['base-url'].replace(/\/+$/, '');
const admin = parseYaml(readFileSync(options.profile, 'utf8'))?.vendors?.rocketchat?.roles?.admin;
if (!admin?.user_id || !admin?.token) {
  console.error(`${options.profile}: no vendors.rocketchat.roles.admin {user_id, token}`);
  process.exit(2);
}

// The validator's verdict on one request; it coerces its argument in place, so each call gets
// its own freshly parsed value.
function validate(validator, value) {
  const accepted = validator(value);
  const errors = (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  return { accepted, why: accepted ? 'valid' : errors.join('; ') };
}

// The mock's verdict; `session` is a fresh session per request, so no request sees another's
// change (an earlier deactivation, say).
async function askMock(method, path, session, body) {
  const headers = {
    'X-User-Id': String(admin.user_id),
    'X-Auth-Token': String(admin.token),
    'X-Statuskit-Session': session,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let answer = {};
  try {
    answer = JSON.parse(text) ?? {};
  } catch {
    // not JSON: neither an errorType nor an error text to go by
  }
  const unreadable = typeof answer.error === 'string' && answer.error.startsWith('malformed JSON');
  const rejected = response.status === 400 && (answer.errorType === 'invalid-params' || unreadable);
  return { accepted: !rejected, status: response.status, text };
}

const disagreements = [];
const errors = [];
async function compare(kind, index, entry, request, verdict) {
  const answer = await askMock(...request);
  const line = `${kind} #${index} ${entry.name}: ${entry.body ?? `?${entry.query}`}`;
  if (answer.status >= 500) {
    errors.push(`${line}\n      mock answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
  if (answer.accepted !== verdict.accepted) {
    disagreements.push(
      `${line}\n      Rocket.Chat validator: ${verdict.accepted ? 'accepts' : 'rejects'} (${verdict.why})` +
        `\n      mock: ${answer.accepted ? 'accepts' : 'rejects'} (${answer.status} ${answer.text.slice(0, 300)})`,
    );
  }
  return verdict.accepted;
}

let validBodies = 0;
for (const [i, entry] of setActiveStatusBodies.entries()) {
  const n = i + 1;
  const verdict = validate(isUserSetActiveStatusParamsPOST, JSON.parse(entry.body));
  const request = ['POST', '/api/v1/users.setActiveStatus', `corpus-${n}`, entry.body];
  if (await compare('setActiveStatus', n, entry, request, verdict)) validBodies += 1;
}

let validQueries = 0;
for (const [i, entry] of usersInfoQueries.entries()) {
  const n = i + 1;
  // One value per name, as URLSearchParams gives them (the corpus repeats no name).
  const verdict = validate(isUsersInfoParamsGetProps, Object.fromEntries(new URLSearchParams(entry.query)));
  const path = `/api/v1/users.info${entry.query ? `?${entry.query}` : ''}`;
  if (await compare('users.info', n, entry, ['GET', path, `corpus-info-${n}`], verdict)) {
    validQueries += 1;
  }
}

console.log(
  `setActiveStatus bodies: ${setActiveStatusBodies.length} (${validBodies} valid to Rocket.Chat), ` +
    `users.info queries: ${usersInfoQueries.length} (${validQueries} valid to Rocket.Chat)`,
);
for (const text of disagreements) console.log(`  DISAGREE ${text}`);
for (const text of errors) console.log(`  ERROR ${text}`);
console.log(`disagreements: ${disagreements.length}, mock errors (5xx): ${errors.length}`);
writeFileSync(
  options.summary,
  [
    `bodies=${setActiveStatusBodies.length}`,
    `queries=${usersInfoQueries.length}`,
    `disagreements=${disagreements.length}`,
    `errors=${errors.length}`,
  ].join('\n') + '\n',
);
process.exit(disagreements.length + errors.length > 0 ? 1 : 0);
