// The dashboard's HTML shell. Labels carry data-i18n keys; the script fills them in the chosen language.
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
  <h1>Touchpoint</h1>
  <form id="filters" class="filters">
    <label><span data-i18n="site">Site</span> <select id="site" name="site"></select></label>
    <label><span data-i18n="from">From</span> <input id="from" name="from" type="date"></label>
    <label><span data-i18n="to">To</span> <input id="to" name="to" type="date"></label>
    <button id="apply" type="submit" data-i18n="apply">Apply</button>
  </form>
  <label class="lang"><span data-i18n="language">Language</span>
    <select id="lang"><option value="en">English</option><option value="es">Español</option></select>
  </label>
  <span id="who" class="who"></span>
  <button id="sign-out" type="button" class="quiet" data-i18n="signOut" hidden>Sign out</button>
</header>
<p id="status" class="status" role="status"></p>
<form id="token-form" class="token" hidden>
  <label><span data-i18n="token">Access key</span> <input id="token" type="password" autocomplete="off" required></label>
  <button type="submit" data-i18n="signIn">Sign in</button>
</form>
<main id="main" hidden>
  <p id="shared-note" class="note" hidden></p>
  <section id="journey">
    <div class="section-head">
      <h2 data-i18n="journey">Journey</h2>
      <label><span data-i18n="model">Stages</span>
        <select id="model"><option value="phase" data-i18n="modelPhase">Before / during / after</option><option value="p5" data-i18n="modelP5">5P</option></select>
      </label>
    </div>
    <p id="journey-summary" class="summary"></p>
    <div id="journey-chart" class="chart"></div>
    <h3 data-i18n="byChannel">By channel</h3>
    <table id="channel-table"><thead></thead><tbody></tbody></table>
    <h3 data-i18n="breaks">Abandonment: where people stopped without buying</h3>
    <table id="breaks-table"><thead></thead><tbody></tbody></table>
  </section>
  <section id="ads">
    <h2 data-i18n="ads">Ad landings</h2>
    <table id="ads-table"><thead></thead><tbody></tbody></table>
  </section>
  <section id="feedback">
    <h2 data-i18n="feedback">Feedback</h2>
    <div id="nps-chart" class="chart"></div>
    <table id="feedback-table"><thead></thead><tbody></tbody></table>
    <p class="note" data-i18n="sentimentNote"></p>
  </section>
  <section id="checks">
    <div class="section-head">
      <h2 data-i18n="checks">Ad landing checks</h2>
      <button id="check-now" type="button" data-i18n="checkNow">Check now</button>
    </div>
    <table id="checks-table"><thead></thead><tbody></tbody></table>
  </section>
</main>
</body>
</html>
`;
