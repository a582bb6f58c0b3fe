// A real OpenID Connect provider on loopback for the sign-in tests (and for trying the OIDC sign-in by hand):
// panva's oidc-provider with one confidential client, PKCE required, and the library's own development login form,
// which accepts any login name (and any password). The account's claims are derived from that name.
//
//   node provider.mjs [port]          (or OIDC_PORT; default 5100)
//
// Settings (environment): OIDC_CLIENT_ID (devplatform), OIDC_CLIENT_SECRET (devplatform-secret), OIDC_REDIRECT_URIS and
// OIDC_POST_LOGOUT_REDIRECT_URIS (comma-separated). The client is a "native" one so that its http://127.0.0.1 and
// http://localhost URIs match on any port (RFC 8252 §7.3): the app under test listens on a port chosen at run time.
// When it listens, it prints one line: "oidc-provider listening on http://127.0.0.1:<port>".
import Provider, { interactionPolicy } from 'oidc-provider';

const env = process.env;
const port = Number(process.argv[2] ?? env.OIDC_PORT ?? 5100);
const issuer = `http://127.0.0.1:${port}`;
const list = (value, fallback) => (value ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
const clientId = env.OIDC_CLIENT_ID ?? 'devplatform';

/** What the provider says about the person who typed `login`: "olivia" is "Olivia Example", olivia@example.test. */
export function claimsFor(login) {
  const name = `${login.charAt(0).toUpperCase()}${login.slice(1)} Example`;
  return {
    sub: login,
    name,
    preferred_username: login,
    email: `${login}@example.test`,
    email_verified: true,
    picture: `https://pictures.example.test/${encodeURIComponent(login)}.png`,
  };
}

// A first-party client: no consent screen (as an organisation's own app is usually set up). The library asks native
// clients for consent on every sign-in; this one is "native" only for its loopback redirect URIs, so that check goes.
const policy = interactionPolicy.base();
policy.get('consent').checks.remove('native_client_prompt');

const page = (title, body) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: env.OIDC_CLIENT_SECRET ?? 'devplatform-secret',
    application_type: 'native',
    redirect_uris: list(env.OIDC_REDIRECT_URIS, 'http://127.0.0.1/signin-oidc,http://localhost/signin-oidc'),
    post_logout_redirect_uris: list(env.OIDC_POST_LOGOUT_REDIRECT_URIS,
      'http://127.0.0.1/signout-callback-oidc,http://localhost/signout-callback-oidc'),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    // ASP.NET Core's handler sends the secret in the token request's body.
    token_endpoint_auth_method: 'client_secret_post',
  }],
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'email'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username', 'picture'],
    email: ['email', 'email_verified'],
  },
  // Like Keycloak, Cognito and Entra ID: the ID token of a code flow carries the profile claims the scopes asked for.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource } },
  cookies: { keys: ['devplatform-test-provider-cookie-key'] },
  async findAccount(_ctx, id) {
    return { accountId: id, claims: async () => claimsFor(id) };
  },
  interactions: { policy },
  // The scopes asked for are granted without asking (see the policy above).
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email');
    await grant.save();
    return grant;
  },
});

// The library's default pages load a web font; these have nothing from outside, so they work offline.
async function logoutSource(ctx, form) {
  ctx.body = page('Sign out of the test provider?',
    `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
     <button type="submit" form="op.logoutForm">No, stay signed in</button>`);
}

async function postLogoutSuccessSource(ctx) {
  ctx.body = page('Signed out', '<p>You are signed out of the test provider.</p>');
}

provider.on('server_error', (_ctx, error) => console.error('server_error', error));

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
