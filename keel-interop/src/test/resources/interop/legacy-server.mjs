// A server that knows only the legacy protocol: the reference TypeScript SDK 1.x McpServer, which
// answers nothing but initialize-based sessions. Keel's client must fall back to a legacy session.
//
//   node legacy-server.mjs --stdio            serve over stdin and stdout
//   node legacy-server.mjs --http             serve Streamable HTTP (stateful sessions) on a free port of
//                                             127.0.0.1; prints "LISTENING <url>" and runs until stdin closes
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const mode = process.argv[2];
if (!['--stdio', '--http'].includes(mode)) {
  console.error('usage: legacy-server.mjs --stdio | --http');
  process.exit(2);
}

function legacyServer() {
  const server = new McpServer({ name: 'legacy-ts', version: '1.0.0' }, { instructions: 'A server of the legacy era only.' });
  server.registerTool('echo', {
    description: 'Echoes a message',
    inputSchema: { message: z.string() },
  }, async ({ message }) => ({ content: [{ type: 'text', text: message }] }));
  server.registerTool('count', {
    description: 'Counts to steps, reporting progress',
    inputSchema: { steps: z.number().int() },
  }, async ({ steps }, extra) => {
    const progressToken = extra._meta?.progressToken;
    for (let i = 1; i <= steps; i++) {
      if (progressToken !== undefined) {
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken, progress: i, total: steps, message: `step ${i}` },
        });
      }
    }
    return { content: [{ type: 'text', text: `counted ${steps}` }] };
  });
  server.registerTool('greet', {
    description: 'Asks the user for their name',
  }, async () => {
    const answer = await server.server.elicitInput({
      message: 'Who are you?',
      requestedSchema: { type: 'object', properties: { name: { type: 'string', description: 'Your name' } }, required: ['name'] },
    });
    return { content: [{ type: 'text', text: answer.action === 'accept' ? `Hello, ${answer.content.name}!` : `no name (${answer.action})` }] };
  });
  server.registerTool('broken', { description: 'Always fails' },
    async () => ({ content: [{ type: 'text', text: 'it broke' }], isError: true }));
  server.registerResource('readme', 'legacy://readme', { description: 'A static note', mimeType: 'text/plain' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'read me' }] }));
  server.registerResource('note', new ResourceTemplate('legacy://notes/{id}', { list: undefined }),
    { description: 'A note by id' },
    async (uri, { id }) => ({ contents: [{ uri: uri.href, text: `note ${id}` }] }));
  server.registerPrompt('hello', {
    description: 'Says hello',
    argsSchema: { name: z.string() },
  }, ({ name }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Hello, ${name}` } }] }));
  return server;
}

if (mode === '--stdio') {
  await legacyServer().connect(new StdioServerTransport());
} else {
  // the SDK's own example of a stateful Streamable HTTP server, without Express
  const sessions = new Map();
  const http = createServer(async (req, res) => {
    try {
      const sessionId = req.headers['mcp-session-id'];
      let body;
      if (req.method === 'POST') {
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      }
      let transport = sessionId ? sessions.get(sessionId) : undefined;
      if (!transport && !sessionId && req.method === 'POST' && isInitializeRequest(body)) {
        transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => sessions.set(id, transport),
        });
        transport.onclose = () => sessions.delete(transport.sessionId);
        await legacyServer().connect(transport);
      }
      if (!transport) {
        res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({
          jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null,
        }));
        return;
      }
      await transport.handleRequest(req, res, body);
    } catch (e) {
      console.error(`legacy-server: ${e?.stack ?? e}`);
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  http.listen(0, '127.0.0.1', () => console.log(`LISTENING http://127.0.0.1:${http.address().port}/mcp`));
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
