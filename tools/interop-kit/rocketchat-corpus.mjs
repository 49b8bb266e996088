// The Rocket.Chat validator parity corpus (issue 14 items 2, 3, 8 and 11): requests whose fate
// Rocket.Chat decides with its own ajv validators, sent to the mock by rocketchat-parity.mjs.
// The mock must accept exactly what the validator accepts.
//
// Bodies are raw JSON texts, never objects: the texts are what goes over the wire, and several
// cannot be written as JavaScript objects at all (1.0 and 1e0 are the number 1 to
// JSON.stringify; a duplicated key is lost). The parity script JSON.parses each text for the
// validator (JSON.parse keeps a duplicated key's last value, as Rocket.Chat's body parsing does)
// and sends the text itself to the mock.
//
// Where a body names a user, it is the fixture user rcTargetUser00001 (users.target in
// fixtures/targets/mock.yaml), so a body the validator accepts also succeeds in the mock;
// the other ids only have to pass or fail validation.

const target = 'rcTargetUser00001';
const json = (value) => JSON.stringify(value);
// `{"userId":"<target>", <rest>}`, with <rest> written verbatim (number spellings, duplicates).
const withTarget = (rest) => `{"userId":"${target}",${rest}}`;

export const setActiveStatusBodies = [
  // Valid as documented.
  { name: 'deactivate', body: json({ userId: target, activeStatus: false }) },
  { name: 'activate', body: json({ userId: target, activeStatus: true }) },
  { name: 'deactivate with confirmRelinquish', body: json({ userId: target, activeStatus: false, confirmRelinquish: true }) },
  { name: 'confirmRelinquish false', body: json({ userId: target, activeStatus: false, confirmRelinquish: false }) },
  { name: 'confirmRelinquish null (nullable)', body: json({ userId: target, activeStatus: true, confirmRelinquish: null }) },
  { name: 'fields in another order', body: `{"activeStatus":false,"userId":"${target}"}` },
  { name: 'whitespace everywhere', body: `\n {\n  "userId" : "${target}" ,\n  "activeStatus" :\tfalse\n }\n` },
  { name: 'unicode-escaped key and value', body: '{"user\\u0049d":"rcTarget\\u0055ser00001","active\\u0053tatus":false}' },

  // activeStatus: what ajv's coerceTypes turns into a boolean, and what it does not.
  { name: 'activeStatus "true"', body: withTarget('"activeStatus":"true"') },
  { name: 'activeStatus "false"', body: withTarget('"activeStatus":"false"') },
  { name: 'activeStatus "1"', body: withTarget('"activeStatus":"1"') },
  { name: 'activeStatus "0"', body: withTarget('"activeStatus":"0"') },
  { name: 'activeStatus "TRUE"', body: withTarget('"activeStatus":"TRUE"') },
  { name: 'activeStatus "yes"', body: withTarget('"activeStatus":"yes"') },
  { name: 'activeStatus ""', body: withTarget('"activeStatus":""') },
  { name: 'activeStatus " true"', body: withTarget('"activeStatus":" true"') },
  { name: 'activeStatus "false "', body: withTarget('"activeStatus":"false "') },
  { name: 'activeStatus 1', body: withTarget('"activeStatus":1') },
  { name: 'activeStatus 0', body: withTarget('"activeStatus":0') },
  { name: 'activeStatus 1.0', body: withTarget('"activeStatus":1.0') },
  { name: 'activeStatus 0.0', body: withTarget('"activeStatus":0.0') },
  { name: 'activeStatus 1e0', body: withTarget('"activeStatus":1e0') },
  { name: 'activeStatus 1E0', body: withTarget('"activeStatus":1E0') },
  { name: 'activeStatus 1.00', body: withTarget('"activeStatus":1.00') },
  { name: 'activeStatus 10e-1', body: withTarget('"activeStatus":10e-1') },
  { name: 'activeStatus 100E-2', body: withTarget('"activeStatus":100E-2') },
  { name: 'activeStatus 0e0', body: withTarget('"activeStatus":0e0') },
  { name: 'activeStatus 0.0e5', body: withTarget('"activeStatus":0.0e5') },
  { name: 'activeStatus -0', body: withTarget('"activeStatus":-0') },
  { name: 'activeStatus -0.0', body: withTarget('"activeStatus":-0.0') },
  { name: 'activeStatus 2', body: withTarget('"activeStatus":2') },
  { name: 'activeStatus -1', body: withTarget('"activeStatus":-1') },
  { name: 'activeStatus 0.5', body: withTarget('"activeStatus":0.5') },
  { name: 'activeStatus 1.5e0', body: withTarget('"activeStatus":1.5e0') },
  { name: 'activeStatus 1e300', body: withTarget('"activeStatus":1e300') },
  { name: 'activeStatus null (coerces to false)', body: withTarget('"activeStatus":null') },
  { name: 'activeStatus []', body: withTarget('"activeStatus":[]') },
  { name: 'activeStatus [true]', body: withTarget('"activeStatus":[true]') },
  { name: 'activeStatus {}', body: withTarget('"activeStatus":{}') },
  { name: 'activeStatus {"value":true}', body: withTarget('"activeStatus":{"value":true}') },

  // Missing and extra fields (additionalProperties: false).
  { name: 'empty object', body: '{}' },
  { name: 'userId only', body: json({ userId: target }) },
  { name: 'activeStatus only', body: json({ activeStatus: false }) },
  { name: 'userId and confirmRelinquish, no activeStatus', body: json({ userId: target, confirmRelinquish: true }) },
  { name: 'extra field', body: json({ userId: target, activeStatus: false, extra: 1 }) },
  { name: 'extra username', body: json({ userId: target, activeStatus: false, username: 'tina.target' }) },
  { name: 'extra _id', body: json({ userId: target, activeStatus: false, _id: target }) },
  { name: 'extra null field', body: json({ userId: target, activeStatus: false, reason: null }) },
  { name: 'activestatus in lower case', body: json({ userId: target, activestatus: false }) },

  // userId: ajv coerces numbers, booleans and null to strings (the user is then not found,
  // which is not an invalid-params answer); arrays and objects stay invalid.
  { name: 'userId number', body: '{"userId":12345,"activeStatus":false}' },
  { name: 'userId decimal', body: '{"userId":1.5,"activeStatus":false}' },
  { name: 'userId true', body: '{"userId":true,"activeStatus":false}' },
  { name: 'userId false', body: '{"userId":false,"activeStatus":false}' },
  { name: 'userId null', body: '{"userId":null,"activeStatus":false}' },
  { name: 'userId empty string', body: '{"userId":"","activeStatus":false}' },
  { name: 'userId unknown', body: '{"userId":"rcNoSuchUser00000","activeStatus":false}' },
  { name: 'userId object', body: '{"userId":{"_id":"rcTargetUser00001"},"activeStatus":false}' },
  { name: 'userId []', body: '{"userId":[],"activeStatus":false}' },
  { name: 'userId [target]', body: `{"userId":["${target}"],"activeStatus":false}` },

  // confirmRelinquish: boolean, nullable, coerced like activeStatus.
  { name: 'confirmRelinquish "true"', body: withTarget('"activeStatus":false,"confirmRelinquish":"true"') },
  { name: 'confirmRelinquish "false"', body: withTarget('"activeStatus":false,"confirmRelinquish":"false"') },
  { name: 'confirmRelinquish 1', body: withTarget('"activeStatus":false,"confirmRelinquish":1') },
  { name: 'confirmRelinquish 0', body: withTarget('"activeStatus":false,"confirmRelinquish":0') },
  { name: 'confirmRelinquish 1.0', body: withTarget('"activeStatus":false,"confirmRelinquish":1.0') },
  { name: 'confirmRelinquish 0.0', body: withTarget('"activeStatus":false,"confirmRelinquish":0.0') },
  { name: 'confirmRelinquish 1E0', body: withTarget('"activeStatus":false,"confirmRelinquish":1E0') },
  { name: 'confirmRelinquish 1e0 with activeStatus 0.0', body: withTarget('"activeStatus":0.0,"confirmRelinquish":1e0') },
  { name: 'confirmRelinquish 2', body: withTarget('"activeStatus":false,"confirmRelinquish":2') },
  { name: 'confirmRelinquish "yes"', body: withTarget('"activeStatus":false,"confirmRelinquish":"yes"') },
  { name: 'confirmRelinquish ""', body: withTarget('"activeStatus":false,"confirmRelinquish":""') },
  { name: 'confirmRelinquish []', body: withTarget('"activeStatus":false,"confirmRelinquish":[]') },
  { name: 'confirmRelinquish {}', body: withTarget('"activeStatus":false,"confirmRelinquish":{}') },

  // Duplicate keys: JSON.parse keeps the last value, so the last one decides.
  { name: 'duplicate activeStatus true, false', body: withTarget('"activeStatus":true,"activeStatus":false') },
  { name: 'duplicate activeStatus false, true', body: withTarget('"activeStatus":false,"activeStatus":true') },
  { name: 'duplicate activeStatus, invalid then valid', body: withTarget('"activeStatus":"nope","activeStatus":false') },
  { name: 'duplicate activeStatus, valid then invalid', body: withTarget('"activeStatus":false,"activeStatus":"nope"') },
  { name: 'duplicate userId, unknown then target', body: `{"userId":"rcNoSuchUser00000","userId":"${target}","activeStatus":false}` },
  { name: 'duplicate userId, object then target', body: `{"userId":{},"userId":"${target}","activeStatus":false}` },
  { name: 'duplicate confirmRelinquish, invalid then valid', body: withTarget('"activeStatus":false,"confirmRelinquish":"bad","confirmRelinquish":true') },
  { name: 'duplicate extra field', body: withTarget('"activeStatus":false,"extra":1,"extra":2') },

  // Not an object at all.
  { name: 'array body', body: `[{"userId":"${target}","activeStatus":false}]` },
  { name: 'empty array body', body: '[]' },
];

// GET /api/v1/users.info: query strings against isUsersInfoParamsGetProps (an anyOf of five
// lookups, each with additionalProperties: false; ajv coerces for query strings). Each query
// string is parsed with URLSearchParams, a single value per name, as Rocket.Chat reads them.
export const usersInfoQueries = [
  { name: 'userId', query: `userId=${target}` },
  { name: 'username', query: 'username=tina.target' },
  { name: 'userId and username', query: `userId=${target}&username=tina.target` },
  { name: 'userId and an unknown parameter', query: `userId=${target}&foo=1` },
  { name: 'an unknown parameter alone', query: 'foo=1' },
  { name: 'no parameters', query: '' },
  { name: 'userId, includeUserRooms=true', query: `userId=${target}&includeUserRooms=true` },
  { name: 'username, includeUserRooms=false', query: 'username=tina.target&includeUserRooms=false' },
  { name: 'includeUserRooms=yes (any string)', query: `userId=${target}&includeUserRooms=yes` },
  { name: 'includeUserRooms empty', query: `userId=${target}&includeUserRooms=` },
  { name: 'includeUserRooms alone', query: 'includeUserRooms=true' },
  { name: 'fields', query: `userId=${target}&fields=${encodeURIComponent('{"name":1}')}` },
  { name: 'fields empty', query: `userId=${target}&fields=` },
  { name: 'importId', query: 'importId=import-0001' },
  { name: 'email', query: 'email=tina.target%40example.com' },
  { name: 'freeSwitchExtension', query: 'freeSwitchExtension=1001' },
  { name: 'userId and importId', query: `userId=${target}&importId=import-0001` },
  { name: 'username and email', query: 'username=tina.target&email=tina.target%40example.com' },
  { name: 'userId empty', query: 'userId=' },
  { name: 'USERID in upper case', query: `USERID=${target}` },
  { name: 'unknown user', query: 'userId=rcNoSuchUser00000' },
];
