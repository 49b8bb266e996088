// Typed clients for the vendors' status changes with openapi-fetch, on the types openapi-typescript
// generates from specs/ (docs/interop.md shows how). tools/interop copies this file next to the
// generated types and type-checks it with `tsc --strict`, so the example stays true when a spec
// changes: a renamed field, path or operation breaks the check. It is never run.
// Security schemes are not typed by openapi-typescript: the auth headers are passed by hand.
import createClient from 'openapi-fetch';
import type { paths as D3layPaths } from './d3lay-identity';
import type { paths as DocSpacePaths } from './onlyoffice-docspace-people';
import type { paths as PriaPaths } from './pria-admin';
import type { paths as RocketChatPaths } from './rocketchat-users';
import type { paths as SymphonyPaths } from './symphony-pod';

const mock = 'http://127.0.0.1:8080';

export async function deactivatePriaUsers(token: string, ids: string[]): Promise<number> {
  const pria = createClient<PriaPaths>({ baseUrl: mock, headers: { 'x-access-token': token } });
  const { data, error } = await pria.PUT('/api/admin/users/bulk-status', {
    body: { ids, status: 'inactive' },
  });
  if (error) throw new Error(`Pria: ${JSON.stringify(error)}`);
  return data.updated;
}

export async function deactivateRocketChatUser(adminId: string, token: string, userId: string) {
  const rocketchat = createClient<RocketChatPaths>({
    baseUrl: mock,
    headers: { 'X-User-Id': adminId, 'X-Auth-Token': token },
  });
  const { data, error } = await rocketchat.POST('/api/v1/users.setActiveStatus', {
    body: { userId, activeStatus: false, confirmRelinquish: true },
  });
  if (error) throw new Error(`Rocket.Chat: ${error.error}`);
  const info = await rocketchat.GET('/api/v1/users.info', {
    params: { query: { userId, includeUserRooms: 'true' } },
  });
  return { active: data.user.active, rooms: info.data?.user.rooms ?? [] };
}

// The spec's server URL ends in /pod: so does the client's base URL.
export async function suspendSymphonyUser(sessionToken: string, uid: number, until: number) {
  const symphony = createClient<SymphonyPaths>({ baseUrl: `${mock}/pod`, headers: { sessionToken } });
  const { data, error } = await symphony.POST('/v1/admin/user/{uid}/status/update', {
    params: { path: { uid } },
    body: { status: 'ENABLED', suspended: true, suspendedUntil: until, suspensionReason: 'audit' },
  });
  if (error) throw new Error(`Symphony: ${error.message}`);
  return data.message;
}

export async function suspendD3layUser(bearer: string, idOrIdentifier: string) {
  const d3lay = createClient<D3layPaths>({
    baseUrl: mock,
    headers: { Authorization: `Bearer ${bearer}` },
  });
  const { data, error } = await d3lay.PATCH('/users/{id-or-identifier}', {
    params: { path: { 'id-or-identifier': idOrIdentifier } },
    body: { status: 'suspended', review_comment: 'abuse of the system' },
  });
  if (error) throw new Error(`D3lay: ${JSON.stringify(error)}`);
  return data.status;
}

// DocSpace authenticates with a cookie; outside a browser it is a Cookie header.
export async function terminateDocSpaceUsers(cookie: string, userIds: string[]) {
  const docspace = createClient<DocSpacePaths>({
    baseUrl: mock,
    headers: { Cookie: `asc_auth_key=${cookie}` },
  });
  const { data, error } = await docspace.PUT('/api/2.0/people/status/{status}', {
    params: { path: { status: 'Terminated' } },
    body: { userIds, resendAll: false },
  });
  // Its 401 has no body, so neither data nor error is set then.
  if (!data) throw new Error(`DocSpace: ${JSON.stringify(error ?? 'no body')}`);
  return data.response.map((user) => user.status);
}
