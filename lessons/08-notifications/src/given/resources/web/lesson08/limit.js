// limit.js: the browser's six connections per host (HTTP/1.1), shown, then avoided. See limit.html for the modes.
const $ = id => document.getElementById(id);
const options = new URLSearchParams(location.search);
const user = options.get("user") ?? "ada";

function say(state, text) {
  $("status").dataset.state = state;
  $("status").textContent = text;
}

function make(tag, text = "") {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

function log(id, extra = {}) {
  const item = make("li", id);
  item.dataset.id = id;
  Object.assign(item.dataset, extra);
  $("log").append(item);
}

/** Dev login, then the stream's cookie: as notifications.js does. */
async function startSession() {
  const login = await fetch("/api/token", { method: "POST", body: JSON.stringify({ user }) });
  if (!login.ok) throw new Error(`dev login: HTTP ${login.status}`);
  const { token } = await login.json();
  const session = await fetch("/sse/session", { method: "POST", headers: { Authorization: `Bearer ${token}` } });
  if (session.status !== 204) throw new Error(`POST /sse/session: HTTP ${session.status}`);
}

// ---- Naive: n streams in one page, as n tabs each with its own would hold.

async function naive(n) {
  await startSession(); // before the streams: once six are open, this fetch would wait too
  say("connecting", `Opening ${n} event streams…`);
  for (let i = 1; i <= n; i++) {
    const item = make("li", `stream ${i}: connecting…`);
    item.id = `source-${i}`;
    item.dataset.state = "connecting";
    const stream = new EventSource("/sse");
    const state = (value, text) => {
      item.dataset.state = value;
      item.firstChild.textContent = `stream ${i}: ${text} `;
    };
    stream.onopen = () => state("open", "open");
    stream.onerror = () => stream.readyState === EventSource.CLOSED && state("closed", "refused");
    stream.addEventListener("notification", event => log(JSON.parse(event.data).id, { source: i }));
    const close = make("button", "close");
    close.className = "close";
    close.onclick = () => { // frees its connection: a waiting stream gets it
      stream.close();
      state("closed", "closed");
    };
    item.append(close);
    $("sources").append(item);
  }
}

// ---- Shared: one stream per browser, whatever the number of tabs.

const channel = new BroadcastChannel(`lesson08-sse-${user}`);
let lastEventId = ""; // every tab keeps it, so that whichever takes over resumes where the leader was
let leaderState = null; // the leader's last state, for tabs opened since

/** What every tab does with an event, the leader's own or one relayed to it. */
function receive({ type, id, data, cursor }) {
  if (type === "hello") { // a new tab: the leader tells it where things are
    if (leaderState) channel.postMessage({ ...leaderState, cursor: lastEventId });
    return;
  }
  if (id) lastEventId = id;
  if (cursor && !lastEventId) lastEventId = cursor;
  if (type === "notification") log(JSON.parse(data).id);
  if (type === "state") say(data.state, `${data.text}${leaderState ? "" : " (through the leader tab)"}`);
}

/** The leader: holds the only EventSource, and relays every event to the other tabs. */
async function lead() {
  $("role").dataset.role = "leader";
  $("role").textContent = "This tab is the leader: it holds the browser's one event stream.";
  let attempt = 0;
  const relay = event => {
    if (event.type === "state") leaderState = event;
    channel.postMessage(event); // the other tabs; BroadcastChannel does not deliver to its sender
    receive(event);
  };
  const open = async () => {
    try {
      await startSession();
    } catch (e) {
      relay({ type: "state", data: { state: "reconnecting", text: `Reconnecting… (${e.message})` } });
      return setTimeout(open, Math.random() * Math.min(10000, 500 * 2 ** attempt++));
    }
    // A new leader resumes from the last event the old one relayed: nothing between the two is lost.
    const stream = new EventSource(lastEventId ? `/sse?last_event_id=${encodeURIComponent(lastEventId)}` : "/sse");
    stream.onerror = () => {
      if (stream.readyState === EventSource.CONNECTING) {
        return relay({ type: "state", data: { state: "reconnecting", text: "Reconnecting…" } });
      }
      stream.close(); // refused: a new session, then a new EventSource (see notifications.js)
      setTimeout(open, Math.random() * Math.min(10000, 500 * 2 ** attempt++));
    };
    stream.addEventListener("ready", event => {
      attempt = 0;
      relay({ type: "state", data: { state: "live", text: `Live as ${user}` } });
    });
    for (const type of ["notification", "message", "reload"]) {
      stream.addEventListener(type, event => relay({ type, id: event.lastEventId, data: event.data }));
    }
  };
  await open();
  return new Promise(() => {}); // the lock is held until this tab closes
}

// tag::shared[]
function shared() {
  if (!navigator.locks) { // only in secure contexts: https, or http://localhost and 127.0.0.1
    return say("refused", "This page needs the Web Locks API: serve it over https or from localhost.");
  }
  $("role").dataset.role = "follower";
  $("role").textContent = "This tab is a follower: the leader tab relays the stream's events.";
  say("connecting", "Waiting for the leader tab…");
  channel.onmessage = event => receive(event.data);
  // Granted to one tab at a time, in request order; released when its tab closes, then granted to the next.
  navigator.locks.request("sse-leader", lead);
  channel.postMessage({ type: "hello" });
}
// end::shared[]

if (options.get("mode") === "naive") {
  naive(Number(options.get("n") ?? 7)).catch(e => say("refused", e.message));
} else {
  shared();
}
