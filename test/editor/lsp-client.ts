/**
 * A minimal Language Server Protocol client over stdio (JSON-RPC with Content-Length framing), enough to drive
 * Red Hat's yaml-language-server as an editor does: initialize, answer `workspace/configuration` with the
 * `yaml.*` settings, open documents, collect `textDocument/publishDiagnostics`, ask for completions.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface LspPosition {
  readonly line: number;
  readonly character: number;
}
export interface LspDiagnostic {
  readonly range: { readonly start: LspPosition; readonly end: LspPosition };
  readonly message: string;
  readonly severity?: number;
}
export interface LspCompletionItem {
  readonly label: string;
}

interface Message {
  readonly id?: number;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly message: string };
}

export class LspClient {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (m: Message) => void>();
  /** Per URI: how many times diagnostics were published, and the last list. */
  private readonly diagnostics = new Map<string, { count: number; list: LspDiagnostic[] }>();
  private readonly listeners = new Set<() => void>();
  /** Document versions only ever grow: the server caches parsed text by URI and version, across close and open. */
  private version = 0;

  /** Starts `node <serverScript> --stdio`; `settings` is what `workspace/configuration` answers (`{ yaml: {...} }`). */
  constructor(serverScript: string, private readonly settings: Record<string, unknown>) {
    this.proc = spawn(process.execPath, [serverScript, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.proc.stderr.resume();
  }

  async initialize(rootUri: string): Promise<void> {
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'federation' }],
      capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: {} } },
    });
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: this.settings });
  }

  /** Opens a document and waits for the diagnostics the server publishes for that text. */
  async open(uri: string, text: string): Promise<LspDiagnostic[]> {
    const seen = this.diagnostics.get(uri)?.count ?? 0;
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: ++this.version, text } });
    return this.published(uri, seen);
  }

  /** Replaces the text of an open document (whole-text change) and waits for the diagnostics of the new text. */
  async change(uri: string, text: string): Promise<LspDiagnostic[]> {
    const seen = this.diagnostics.get(uri)?.count ?? 0;
    this.notify('textDocument/didChange', { textDocument: { uri, version: ++this.version }, contentChanges: [{ text }] });
    return this.published(uri, seen);
  }

  /** Closes a document and waits for the server to clear its diagnostics, so the next `open` sees fresh ones. */
  async close(uri: string): Promise<void> {
    const seen = this.diagnostics.get(uri)?.count ?? 0;
    this.notify('textDocument/didClose', { textDocument: { uri } });
    await this.published(uri, seen);
  }

  private async published(uri: string, seen: number, timeoutMs = 20_000): Promise<LspDiagnostic[]> {
    const end = Date.now() + timeoutMs;
    while ((this.diagnostics.get(uri)?.count ?? 0) <= seen) {
      if (Date.now() > end) throw new Error(`yaml-language-server published no diagnostics for ${uri}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 200);
        const listeners = this.listeners;
        function done(): void {
          clearTimeout(timer);
          listeners.delete(done);
          resolve();
        }
        listeners.add(done);
      });
    }
    return this.diagnostics.get(uri)!.list;
  }

  async completion(uri: string, position: LspPosition): Promise<LspCompletionItem[]> {
    const r = (await this.request('textDocument/completion', { textDocument: { uri }, position })) as LspCompletionItem[] | { items: LspCompletionItem[] } | null;
    return r === null ? [] : Array.isArray(r) ? r : r.items;
  }

  async stop(): Promise<void> {
    await this.request('shutdown', null).catch(() => undefined);
    this.notify('exit', null);
    this.proc.kill();
  }

  private request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (m) => (m.error === undefined ? resolve(m.result) : reject(new Error(`${method}: ${m.error.message}`))));
      this.send({ id, method, params });
    });
  }

  private notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(m: Message): void {
    if (m.method === undefined && m.id !== undefined) {
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
    } else if (m.method === 'workspace/configuration' && m.id !== undefined) {
      const items = (m.params as { items: { section?: string }[] }).items;
      this.send({ id: m.id, result: items.map((i) => (i.section === undefined ? this.settings : (this.settings[i.section] ?? null))) });
    } else if (m.id !== undefined) {
      this.send({ id: m.id, result: null });
    } else if (m.method === 'textDocument/publishDiagnostics') {
      const p = m.params as { uri: string; diagnostics: LspDiagnostic[] };
      this.diagnostics.set(p.uri, { count: (this.diagnostics.get(p.uri)?.count ?? 0) + 1, list: p.diagnostics });
      for (const l of [...this.listeners]) {
        this.listeners.delete(l);
        l();
      }
    }
  }
}
