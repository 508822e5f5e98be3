// Lists the tools of a server and calls "forecast" and "daylight" with a reference TypeScript client;
// prints one JSON object: {"version", "tools", "result", "daylight"}.
//
//   node call-forecast.mjs legacy|modern <url>
//   node call-forecast.mjs legacy|modern --stdio <command> [args...]
//
// legacy: @modelcontextprotocol/sdk 1.x (initialize, a session); modern: @modelcontextprotocol/client 2.x
// pinned to 2026-07-28 (per-request _meta).
const [era, target, ...rest] = process.argv.slice(2);
const stdio = target === '--stdio';

let Client, HttpTransport, StdioTransport;
if (era === 'legacy') {
  ({ Client } = await import('@modelcontextprotocol/sdk/client/index.js'));
  ({ StreamableHTTPClientTransport: HttpTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js'));
  ({ StdioClientTransport: StdioTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js'));
} else {
  ({ Client, StreamableHTTPClientTransport: HttpTransport } = await import('@modelcontextprotocol/client'));
  ({ StdioClientTransport: StdioTransport } = await import('@modelcontextprotocol/client/stdio'));
}
const transport = stdio
  ? new StdioTransport({ command: rest[0], args: rest.slice(1), stderr: 'inherit' })
  : new HttpTransport(new URL(target));
const options = era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {};
const client = new Client({ name: `typed-tool-${era}`, version: '1.0.0' }, options);

await client.connect(transport);
const version = era === 'modern' ? client.getNegotiatedProtocolVersion() : (transport.protocolVersion ?? 'stdio');
const { tools } = await client.listTools();
const result = await client.callTool({ name: 'forecast', arguments: { city: 'Oslo', days: 3 } });
const daylight = await client.callTool({ name: 'daylight', arguments: { place: { city: 'Quito', latitude: 0 }, month: 3 } });
console.log(JSON.stringify({ version, tools, result, daylight }));
await client.close();
