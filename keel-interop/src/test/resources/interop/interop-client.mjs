// Drives a Keel server with a reference TypeScript MCP client and prints one line per step:
// "OK <step>: <detail>" or "FAIL <step>: <why>". Exit status 0 when every step passed.
//
//   node interop-client.mjs legacy|modern <cancel-tool> <url>
//   node interop-client.mjs legacy|modern <cancel-tool> --stdio <command> [args...]
//
// legacy: @modelcontextprotocol/sdk 1.x (initialize, session, notifications/cancelled)
// modern: @modelcontextprotocol/client 2.x pinned to 2026-07-28 (per-request _meta; over HTTP a call is
//         cancelled by aborting its request)
const [era, cancelTool, target, ...rest] = process.argv.slice(2);
if (!['legacy', 'modern'].includes(era) || !cancelTool || !target) {
  console.error('usage: interop-client.mjs legacy|modern <cancel-tool> <url> | --stdio <command> [args...]');
  process.exit(2);
}
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

const options = { capabilities: { elicitation: {}, sampling: {} } };
if (era === 'modern') {
  options.versionNegotiation = { mode: { pin: '2026-07-28' } };
}
const client = new Client({ name: `keel-interop-${era}`, version: '1.0.0' }, options);
const elicit = async () => ({ action: 'accept', content: { name: 'Keel', response: 'ok' } });
const sample = async () => ({ role: 'assistant', content: { type: 'text', text: 'sampled' }, model: 'interop', stopReason: 'endTurn' });
if (era === 'legacy') {
  const types = await import('@modelcontextprotocol/sdk/types.js');
  client.setRequestHandler(types.ElicitRequestSchema, elicit);
  client.setRequestHandler(types.CreateMessageRequestSchema, sample);
} else {
  client.setRequestHandler('elicitation/create', elicit);
  client.setRequestHandler('sampling/createMessage', sample);
}

let failures = 0;
async function step(name, fn) {
  try {
    const detail = await fn();
    console.log(`OK ${name}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}: ${e?.message ?? e}`);
  }
}
const text = (content) => content.filter((c) => c.type === 'text').map((c) => c.text).join(' ');

await step('connect', async () => {
  await client.connect(transport);
  const version = era === 'modern' ? client.getNegotiatedProtocolVersion() : transport.protocolVersion;
  return `${version ?? '(stdio: negotiated in initialize)'} ${client.getServerVersion()?.name}`;
});
if (failures) {
  process.exit(1);
}
await step('tools/list', async () => `${(await client.listTools()).tools.length} tools`);
await step('tools/call', async () => {
  const result = await client.callTool({ name: 'test_simple_text', arguments: {} });
  if (result.isError) throw new Error(`isError: ${text(result.content)}`);
  return text(result.content);
});
await step('tools/call asking the client', async () => {
  const name = era === 'modern' ? 'test_input_required_result_elicitation' : 'test_elicitation';
  const result = await client.callTool({ name, arguments: era === 'modern' ? {} : { message: 'Proceed?' } });
  if (result.isError) throw new Error(`isError: ${text(result.content)}`);
  return text(result.content);
});
await step('resources/read', async () => (await client.readResource({ uri: 'test://static-text' })).contents[0].text);
await step('prompts/get', async () => {
  const result = await client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'one', arg2: 'two' } });
  return result.messages[0].content.text;
});
await step('cancel', async () => {
  const abort = new AbortController();
  const started = Date.now();
  setTimeout(() => abort.abort(new Error('cancelled by the interop test')), 500);
  try {
    const args = cancelTool === 'slow' ? { ms: 10000 } : {};
    const options = { signal: abort.signal };
    const result = era === 'legacy'
      ? await client.callTool({ name: cancelTool, arguments: args }, undefined, options)
      : await client.callTool({ name: cancelTool, arguments: args }, options);
    throw new Error(`the call completed instead: ${text(result.content)}`);
  } catch (e) {
    if (!abort.signal.aborted) throw e;
    return `rejected after ${Date.now() - started} ms`;
  }
});
await step('close', async () => {
  if (era === 'legacy' && !stdio && transport.sessionId) {
    await transport.terminateSession();
  }
  await client.close();
  return 'closed';
});
console.log(failures ? `${failures} step(s) failed` : 'all steps passed');
process.exit(failures ? 1 : 0);
