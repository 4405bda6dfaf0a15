// The chat's two event streams, loaded apart from the page: nothing of them is drawn, and the
// conversation asks for them once it is on screen (lib/client/chat/load-streams.ts).
export { openLiveStream } from './live-stream';
export { streamChat, type ChatRun } from './post-stream';
