// Fake OAuth token endpoints: Google (oauth2.googleapis.com) and Yandex (oauth.yandex.ru).
// Any refresh token works unless the control revoked it; revoked → 400 invalid_grant.
import { json, type FakeRequest, type FakeResponse, type FakeService } from './server';

function form(req: FakeRequest): URLSearchParams {
  return new URLSearchParams(req.body);
}

export const googleOAuth: FakeService = {
  service: 'google-oauth',
  hosts: ['oauth2.googleapis.com'],
  handle(req, { state }) {
    if (req.method !== 'POST' || req.path !== '/token') return json(404, { error: 'not_found' }, {}, 'unknown');
    const f = form(req);
    if (f.get('grant_type') !== 'refresh_token') return json(400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type.' }, {}, 'token');
    if (!f.get('client_id') || !f.get('client_secret') || f.get('client_secret') === 'wrong-secret') {
      return json(401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' }, {}, 'token');
    }
    const rt = f.get('refresh_token');
    if (!rt || state.verdict(rt) !== 'ok') return json(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }, {}, 'token');
    return json(200, { access_token: state.issueAccessToken('ya29.fake'), expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/adwords' }, {}, 'token');
  },
  fault(f): FakeResponse {
    return json(f.kind === 'rate-limit' ? 429 : f.status, { error: 'temporarily_unavailable', error_description: 'Try again later.' }, {}, 'token');
  },
};

export const yandexOAuth: FakeService = {
  service: 'yandex-oauth',
  hosts: ['oauth.yandex.ru'],
  handle(req, { state }) {
    if (req.method !== 'POST' || req.path !== '/token') return json(404, { error: 'not_found' }, {}, 'unknown');
    const f = form(req);
    if (f.get('grant_type') !== 'refresh_token') return json(400, { error: 'unsupported_grant_type', error_description: 'Unsupported grant type' }, {}, 'token');
    if (!f.get('client_id') || !f.get('client_secret') || f.get('client_secret') === 'wrong-secret') {
      return json(400, { error: 'invalid_client', error_description: 'Client not found' }, {}, 'token');
    }
    const rt = f.get('refresh_token');
    if (!rt || state.verdict(rt) !== 'ok') return json(400, { error: 'invalid_grant', error_description: 'Invalid refresh token' }, {}, 'token');
    return json(200, { token_type: 'bearer', access_token: state.issueAccessToken('y0_fake'), expires_in: 31_536_000, refresh_token: rt }, {}, 'token');
  },
  fault(f): FakeResponse {
    return json(f.kind === 'rate-limit' ? 429 : f.status, { error: 'temporarily_unavailable', error_description: 'Service unavailable' }, {}, 'token');
  },
};
