// The dashboard's HTML shell; the views are built by the script (src/dashboard/main.ts). Labels carry
// data-i18n keys the script fills in the chosen language. The filters stay hidden until sign-in.
// No inline script or style: the CSP allows only /dashboard/app.js and /dashboard/app.css.
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Touchpoint</title>
<link rel="stylesheet" href="/dashboard/app.css">
<script src="/dashboard/app.js" defer></script>
</head>
<body>
<header class="top">
  <h1 data-i18n="title">Touchpoint</h1>
  <label class="lang"><span data-i18n="language">Language</span>
    <select id="lang"><option value="en">English</option><option value="es">Español</option></select>
  </label>
  <span id="who" class="who"></span>
  <button id="sign-out" type="button" class="quiet" data-i18n="signOut" hidden>Sign out</button>
  <form id="filters" class="filters" hidden>
    <label id="site-field"><span data-i18n="site">Site</span> <select id="site" name="site"></select></label>
    <label><span data-i18n="from">From</span> <input id="from" name="from" type="date"></label>
    <label><span data-i18n="to">To</span> <input id="to" name="to" type="date"></label>
    <button id="apply" type="submit" data-i18n="apply">Apply</button>
  </form>
</header>
<p id="status" class="status" role="status"></p>
<p id="bots" class="bots" hidden><span id="bots-text"></span> <button id="bots-toggle" type="button" class="quiet"></button></p>
<form id="token-form" class="token" hidden>
  <label for="token" data-i18n="token">Access key or admin token</label>
  <input id="token" type="password" autocomplete="off" required>
  <button type="submit" data-i18n="signIn">Sign in</button>
</form>
<main id="main" hidden>
  <p id="shared-note" class="note" hidden></p>
</main>
</body>
</html>
`;
