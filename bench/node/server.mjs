// The Node reference: the same minimal room broadcast as the bare Tyrus server (bench's RoomEndpoint), on ws 8.
// It reads the course's join and publish frames and sends each member the same shape of message.
import { WebSocketServer } from 'ws';

const port = Number(process.env.PORT ?? 8080);
const rooms = new Map();
const server = new WebSocketServer({ host: '127.0.0.1', port, path: '/ws' });

server.on('connection', (socket, request) => {
  const user = new URL(request.url, 'http://localhost').searchParams.get('user') ?? 'anonymous';
  const joined = new Set();
  socket.on('message', (raw) => {
    let frame;
    try { frame = JSON.parse(raw); } catch { socket.close(1003, 'not JSON'); return; }
    if (frame.type === 'join') {
      if (!rooms.has(frame.room)) rooms.set(frame.room, new Set());
      rooms.get(frame.room).add(socket);
      joined.add(frame.room);
    } else if (frame.type === 'publish') {
      const message = JSON.stringify({ type: 'message', room: frame.room, from: user, data: frame.data });
      for (const member of rooms.get(frame.room) ?? []) {
        if (!(frame.exclude_self && member === socket)) member.send(message);
      }
    }
  });
  socket.on('close', () => { for (const room of joined) rooms.get(room)?.delete(socket); });
});
server.on('listening', () => console.log(`node ws room broadcast on ws://127.0.0.1:${port}/ws`));
