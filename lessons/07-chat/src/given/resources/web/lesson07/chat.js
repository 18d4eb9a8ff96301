// chat.js: lesson 07's page. chat-client.js does the protocol (reconnects, resumes, de-duplicates, re-sends);
// this file keeps what each room holds and shows it. The element ids are listed at the top of index.html.
import { ChatClient } from "./chat-client.js";

const $ = id => document.getElementById(id);
const options = new URLSearchParams(location.search);
const rooms = new Map(); // name -> {messages: Map seq -> message, unread, members: Map user -> status,
                         //          typing: Set of users, reads: Map user -> seq, readSent}
let client, me, current = null;

function roomState(name) {
  if (!rooms.has(name)) {
    rooms.set(name, { messages: new Map(), unread: 0, members: new Map(), typing: new Set(), reads: new Map(),
                      readSent: 0 });
  }
  return rooms.get(name);
}

function say(text) { $("status").textContent = text; }

function make(tag, className, text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = text;
  return node;
}

// ---- Rendering: each message keeps its <li>, updated in place, so buttons a test (or a person) holds stay valid.

function renderRooms() {
  $("rooms").replaceChildren(...[...rooms.keys()].map(name => {
    const item = make("li", name === current ? "current" : "", name + " ");
    item.id = `room-${name}`;
    const badge = make("span", "unread", String(rooms.get(name).unread));
    badge.hidden = rooms.get(name).unread === 0;
    item.append(badge);
    item.onclick = () => show(name);
    return item;
  }));
}

function renderMessage(message) {
  let item = $(`msg-${message.seq}`);
  if (!item) {
    item = make("li", "msg");
    item.id = `msg-${message.seq}`;
    item.dataset.seq = message.seq;
    item.dataset.from = message.from;
    const edit = make("button", "edit", "edit"), remove = make("button", "delete", "delete");
    edit.type = remove.type = "button";
    edit.onclick = () => editMessage(message.room, message.seq);
    remove.onclick = () => client.send("delete", { room: message.room, seq: message.seq }).catch(failed);
    item.append(make("span", "from", message.from), ": ", make("span", "body"), " ", make("span", "edited"), " ",
                make("span", "ticks"), " ", edit, " ", remove);
    // Messages come in seq order, but a late one (a resume) goes where its number says.
    const next = [...$("messages").children].find(other => Number(other.dataset.seq) > message.seq);
    $("messages").insertBefore(item, next ?? null);
    $("messages").scrollTop = $("messages").scrollHeight;
  }
  const mine = message.from === me;
  item.classList.toggle("deleted", !!message.deleted);
  item.querySelector(".body").textContent = message.deleted ? "message deleted"
    : typeof message.data === "string" ? message.data : JSON.stringify(message.data);
  item.querySelector(".edited").textContent = message.edited_at && !message.deleted ? "(edited)" : "";
  item.querySelector(".edit").hidden = item.querySelector(".delete").hidden = !mine || !!message.deleted;
  item.querySelector(".ticks").textContent = mine && !message.deleted ? ticks(message.seq) : "";
}

/** A read receipt is a cursor: everyone whose last read is at or after this message has read it. */
function ticks(seq) {
  const readers = [...roomState(current).reads].filter(([user, upTo]) => upTo >= seq).map(([user]) => user);
  return readers.length ? `✓ read by ${readers.sort().join(", ")}` : "✓";
}

function renderMembers() {
  const members = current ? roomState(current).members : new Map();
  $("members").replaceChildren(...[...members].sort(([a], [b]) => a.localeCompare(b)).map(([user, status]) => {
    const item = make("li", "", user);
    item.id = `member-${user}`;
    item.dataset.status = status.status;
    item.title = status.last_seen ? `${status.status}, last seen ${new Date(status.last_seen)}` : status.status;
    item.prepend(make("span", "dot"));
    return item;
  }));
}

function renderTyping() {
  const users = current ? [...roomState(current).typing].sort() : [];
  $("typing").textContent = users.length === 0 ? "" : users.length === 1 ? `${users[0]} is typing…`
    : `${users.slice(0, -1).join(", ")} and ${users.at(-1)} are typing…`;
}

function renderPending() {
  $("pending").replaceChildren(...client.outbox.filter(entry => entry.room === current)
    .map(entry => make("li", "", `sending… ${entry.data}`)));
}

/** Shows a room: its messages, members and typists. */
function show(name) {
  if (current && current !== name && typingSent) stopTyping();
  current = name;
  $("current").textContent = name;
  $("messages").replaceChildren();
  roomState(name).messages.forEach(renderMessage);
  renderRooms(); renderMembers(); renderTyping(); renderPending();
  markRead();
  $("send").hidden = false;
}

/** Tells the others how far this user has read: the latest message shown, while the tab is visible. */
function markRead() {
  if (!current || document.visibilityState !== "visible") return;
  const room = roomState(current), name = current;
  const latest = Math.max(0, ...[...room.messages.keys()].filter(seq => typeof seq === "number"));
  if (room.unread) { room.unread = 0; renderRooms(); }
  if (latest <= room.readSent || client.state !== "open") return;
  const before = room.readSent;
  room.readSent = latest;
  client.send("read", { room: name, seq: latest }).catch(() => { room.readSent = before; }); // again next time
}

function editMessage(room, seq) {
  const message = roomState(room).messages.get(seq);
  const text = prompt("Edit your message", typeof message.data === "string" ? message.data : "");
  if (text === null || text === message.data) return;
  client.send("edit", { room, seq, data: text, version: message.version ?? 1 }).catch(failed);
}

function failed(error) { say(`Refused: ${error.code}: ${error.message}`); }

// ---- What the server (and the client) tells.

function handle(type, handler) { client.on(type, handler); }

function listen() {
  handle("connected", m => { me = m.user; say(`Connected as ${m.user}.`); $("join").hidden = false; markRead(); });
  handle("state", s => {
    $("banner").hidden = s.state === "open" || s.state === "connecting" && s.attempt === 0;
    $("retry").hidden = s.state !== "gave_up";
    $("banner").textContent = s.state === "reconnecting" ? `Reconnecting… (attempt ${s.attempt} of ${client.maxAttempts})`
      : s.state === "gave_up" ? `Disconnected: the server cannot be reached${s.reason ? ` (${s.reason})` : ""}.`
      : s.state === "closed" ? `Disconnected (${s.code} ${s.reason ?? ""}).` : "Reconnecting…";
    if (s.state === "open") markRead(); // what was shown while away
  });
  handle("reload", ({ room: name, messages, ack }) => { // a first join, or a gap the server could not fill
    const room = roomState(name);
    room.messages = new Map(messages.map(m => [m.seq, m]));
    room.unread = ack.unread ?? 0;
    if (name === current) show(name); else renderRooms();
  });
  handle("message", m => {
    const room = roomState(m.room);
    room.messages.set(m.seq, m);
    room.typing.delete(m.from); // the server stops the indicator before the message; this is for older servers
    if (m.room === current) { renderMessage(m); renderTyping(); }
    if (m.from !== me && (m.room !== current || document.visibilityState !== "visible")) {
      room.unread++;
      renderRooms();
    }
    if (m.room === current) markRead();
  });
  handle("message_updated", m => update(m.room, m.seq, m.version, { data: m.data, edited_at: m.edited_at }));
  handle("message_deleted", m => update(m.room, m.seq, m.version, { data: null, deleted: true }));
  handle("read", m => {
    const room = roomState(m.room);
    if (m.user === me) { // another tab of mine read this far: not unread here either
      room.readSent = Math.max(room.readSent, m.seq);
      const after = [...room.messages.values()].filter(x => x.from !== me && !x.deleted && x.seq > m.seq).length;
      room.unread = Math.min(room.unread, after);
      return renderRooms();
    }
    room.reads.set(m.user, Math.max(room.reads.get(m.user) ?? 0, m.seq));
    if (m.room === current) room.messages.forEach(message => message.from === me && renderMessage(message));
  });
  handle("members", m => {
    roomState(m.room).members = new Map(m.users.map(user => [user, { status: "online" }]));
    if (m.room === current) renderMembers();
  });
  handle("joined", m => presence(m.room, m.user, { status: "online" }));
  handle("left", m => {
    roomState(m.room).typing.delete(m.user);
    presence(m.room, m.user, { status: "offline", last_seen: Date.now() });
  });
  handle("user_status", m => rooms.forEach((room, name) => room.members.has(m.user) && presence(name, m.user, m)));
  handle("typing", m => {
    const typing = roomState(m.room).typing;
    if (m.active) typing.add(m.user); else typing.delete(m.user);
    if (m.room === current) renderTyping();
  });
  handle("outbox", renderPending);
  handle("error", failed);
}

/** Edits and deletes carry the message's version: a late or repeated event never undoes a newer one. */
function update(name, seq, version, change) {
  const message = roomState(name).messages.get(seq);
  if (!message || version <= (message.version ?? 1)) return;
  Object.assign(message, change, { version });
  if (name === current) renderMessage(message);
}

function presence(name, user, { status, last_seen }) {
  roomState(name).members.set(user, { status, last_seen });
  if (name === current) { renderMembers(); renderTyping(); }
}

// ---- Login: lesson 04's dev login hands out tokens; the browser passes one as ?token= (PROTOCOL.md, Connecting).

async function token(user) {
  const answer = await fetch("/api/token", { method: "POST", body: JSON.stringify({ user }) });
  if (!answer.ok) throw new Error(`dev login: HTTP ${answer.status}`);
  return answer.json();
}

let refresh;
/** Every attempt gets a fresh token, and an open connection gets a newer one halfway through (lesson 04). */
async function url(user) {
  const { token: jwt, expires_in } = await token(user);
  clearTimeout(refresh);
  refresh = setTimeout(() => token(user).then(fresh => client.send("refresh", { token: fresh.token }))
    .catch(() => {}), expires_in * 500);
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(jwt)}`;
}

$("login").onsubmit = event => {
  event.preventDefault();
  const user = $("user").value;
  const number = (name, fallback) => Number(options.get(name) ?? fallback);
  client = new ChatClient({ url: () => url(user), maxAttempts: number("attempts", 5),
                            pingEverySeconds: number("ping", 10), pongTimeoutSeconds: number("pong", 5) });
  window.chat = client; // for the browser's console (chat.send("stats").then(console.log)), and for tests
  listen();
  client.connect();
  $("login").hidden = true;
  say("Connecting…");
};

$("retry").onclick = () => client.retry();

$("join").onsubmit = event => {
  event.preventDefault();
  const name = $("room").value;
  roomState(name);
  show(name);
  client.send("join", { room: name }).catch(error => { // refused (invalid_room, not_authorized): not a room of ours
    rooms.delete(name);
    if (current === name) { current = null; $("current").textContent = ""; $("messages").replaceChildren(); }
    renderRooms();
    failed(error);
  });
};

// ---- Typing: on while the input has text (refreshed every second, the server's indicator lasts 3 s), off at once
// when it is cleared; sending stops it on the server, before the message.
let typingSent = 0;

function stopTyping() {
  typingSent = 0;
  client.send("typing", { room: current, active: false }).catch(() => {});
}

$("text").oninput = () => {
  if (!current) return;
  if ($("text").value === "") {
    if (typingSent) stopTyping();
  } else if (Date.now() - typingSent > 1000) {
    typingSent = Date.now();
    client.send("typing", { room: current }).catch(() => {});
  }
};

$("send").onsubmit = event => {
  event.preventDefault();
  // Kept in the client's outbox until acknowledged, across reconnects: no need to wait for the connection here.
  client.send("publish", { room: current, data: $("text").value }).catch(failed);
  $("text").value = "";
  typingSent = 0;
};

document.addEventListener("visibilitychange", markRead);
