// notifications.js: lesson 08's page. One EventSource on /sse brings the user's notifications and the messages of
// the rooms they follow; the element ids are listed at the top of index.html.
//
// The browser reconnects an EventSource by itself, `retry:` ms after a stream ends or a connection fails, and sends
// the last `id:` it saw as the Last-Event-ID header: the server replays what was missed from its inboxes. It gives
// up for good (readyState CLOSED) only when a stream is answered with something other than 200 text/event-stream,
// typically 401 once the cookie has expired; then this page logs in again and opens a new EventSource, passing the
// cursor in the URL, since a new EventSource cannot carry the header.

const $ = id => document.getElementById(id);
const TYPES = new Set(["info", "success", "warning", "error"]);

let user, source = null, lastEventId = "", attempt = 0, missed = false;

function say(state, text) {
  $("status").dataset.state = state;
  $("status").textContent = text;
}

function make(tag, className, text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = text; // never innerHTML: a title is text, whatever it contains
  return node;
}

// ---- The stream.

/** Dev login (lesson 04), then the token becomes the stream's HttpOnly cookie: no script reads it afterwards. */
async function startSession() {
  const login = await fetch("/api/token", { method: "POST", body: JSON.stringify({ user }) });
  if (!login.ok) throw new Error(`dev login: HTTP ${login.status}`);
  const { token } = await login.json();
  const session = await fetch("/sse/session", { method: "POST", headers: { Authorization: `Bearer ${token}` } });
  if (session.status !== 204) throw new Error(`POST /sse/session: HTTP ${session.status}`);
}

async function open() {
  say(attempt === 0 ? "connecting" : "reconnecting", attempt === 0 ? "Connecting…" : "Reconnecting…");
  try {
    await startSession();
  } catch (e) { // the server is probably down: try again later
    return later(e.message);
  }
  const stream = new EventSource(lastEventId ? `/sse?last_event_id=${encodeURIComponent(lastEventId)}` : "/sse");
  source = stream;
  stream.onopen = () => say("catching-up", "Connected, catching up…");
  stream.onerror = () => {
    if (stream !== source) return;
    if (stream.readyState === EventSource.CONNECTING) { // the browser retries by itself, with Last-Event-ID
      say("reconnecting", "Reconnecting…");
    } else { // refused (401 once the cookie expired, 429, 503): the browser gave up, this page does not
      stream.close();
      source = null;
      later("the server refused the stream");
    }
  };
  const on = (type, handler) => stream.addEventListener(type, event => {
    if (stream !== source) return;
    if (event.lastEventId) { // every event carries the cursor; keep it for a new EventSource
      lastEventId = event.lastEventId;
      $("cursor").textContent = `cursor ${lastEventId}`;
    }
    handler(JSON.parse(event.data));
  });
  on("reload", () => { missed = true; }); // the cursor was older than what the inboxes keep
  on("ready", ready => {
    attempt = 0;
    $("status").dataset.replayed = ready.replayed;
    if (missed || ready.reload) {
      say("missed", `Live as ${ready.user}. You may have missed notifications while you were away.`);
    } else {
      say("live", `Live as ${ready.user}.` + (ready.replayed ? ` ${ready.replayed} missed events caught up.` : ""));
    }
    missed = false;
  });
  on("notification", notification => {
    log(notification);
    toast(notification);
  });
  on("message", message);
}

/** Full jitter, as lesson 05's backoff: pages dropped together by a restart do not all come back at once. */
function later(reason) {
  const delay = Math.round(Math.random() * Math.min(10000, 500 * 2 ** attempt));
  attempt++;
  say("reconnecting", `Reconnecting… (${reason}; attempt ${attempt})`);
  setTimeout(open, delay);
}

// ---- What it shows.

/** Every event gets its line, duplicates too: the page shows what the server sent, so a test can check it. */
function log(notification) {
  const item = make("li", "", `${notification.type}: ${notification.title}`);
  item.dataset.id = notification.id;
  $("log").append(item);
}

function toast(notification) {
  const box = make("div", `toast ${TYPES.has(notification.type) ? notification.type : "info"}`);
  box.dataset.id = notification.id;
  box.setAttribute("role", notification.type === "error" ? "alert" : "status");
  box.append(make("strong", "title", notification.title));
  if (notification.body) box.append(make("p", "body", notification.body));
  const href = safeLink(notification.link);
  if (href) {
    const link = make("a", "link", "Open");
    link.href = href;
    if (!href.startsWith("/")) link.rel = "noopener noreferrer";
    box.append(link);
  }
  const dismiss = make("button", "dismiss", "×");
  dismiss.type = "button";
  dismiss.title = "Dismiss";
  dismiss.onclick = () => box.remove();
  box.append(dismiss);
  $("toasts").append(box);
  if (notification.auto_hide) setTimeout(() => box.remove(), notification.duration ?? 5000);
}

/**
 * The server refuses other links already; the page checks again, since what it renders is its own business. A path
 * must stay on this site once the browser has resolved it: "/\evil.example" becomes "//evil.example", another host.
 */
function safeLink(link) {
  if (typeof link !== "string") return null;
  try {
    const url = new URL(link, location.href);
    if (/^https?:\/\//i.test(link)) return ["http:", "https:"].includes(url.protocol) ? link : null;
    if (link.startsWith("/")) return url.origin === location.origin ? link : null;
  } catch {
    // not a URL at all
  }
  return null;
}

function message(m) {
  const text = typeof m.data === "string" ? m.data : JSON.stringify(m.data);
  const item = make("li", "", `${m.room} · ${m.from}: ${text}`);
  item.dataset.room = m.room;
  item.dataset.seq = m.seq;
  $("messages").append(item);
}

// ---- Login.

$("login").onsubmit = event => {
  event.preventDefault();
  user = $("user").value;
  $("login").hidden = true;
  open();
};

// For the browser's console, and for tests: the stream and its cursor (never the token, which no script can read).
window.notifications = {
  get source() { return source; },
  get lastEventId() { return lastEventId; },
};
