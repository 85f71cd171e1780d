using System.Security.Cryptography;
using System.Text;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// A small page of our own for trying queries from a browser (no CDN, no build step): a query, its variables, Run,
/// and Schema (the root fields, from introspection). Served by <c>GET /graphql</c> to a browser in Development and on
/// the embedded default only.
/// </summary>
internal static class GraphQLExplorerPage
{
    private const string Style = """
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2328; background: #f6f8fa; }
        header { padding: 10px 16px; background: #0b3d62; color: #fff; display: flex; gap: 12px; align-items: baseline; }
        header h1 { font-size: 16px; margin: 0; }
        header span { opacity: .8; font-size: 13px; }
        main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; padding: 12px 16px; height: calc(100vh - 44px); }
        section { display: flex; flex-direction: column; gap: 6px; min-height: 0; }
        label { font-weight: 600; font-size: 12px; color: #57606a; }
        textarea, input, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; padding: 8px; }
        textarea { resize: none; }
        #query { flex: 3; }
        #variables { flex: 1; }
        pre { flex: 1; margin: 0; overflow: auto; white-space: pre-wrap; word-break: break-word; }
        .bar { display: flex; gap: 8px; align-items: center; }
        .bar input { flex: 1; padding: 5px 8px; }
        button { font: inherit; padding: 5px 14px; border-radius: 6px; border: 1px solid #1f6feb; background: #1f6feb; color: #fff; cursor: pointer; }
        button.secondary { background: #fff; color: #1f6feb; }
        #status { color: #57606a; font-size: 12px; min-height: 1.2em; }
        """;

    private const string Script = """
        const $ = id => document.getElementById(id);
        const endpoint = location.pathname;
        const accept = 'application/graphql-response+json, application/json';

        async function post(body) {
          const started = performance.now();
          const headers = { 'Content-Type': 'application/json', 'Accept': accept };
          const token = $('token').value.trim();
          if (token) { headers['Authorization'] = 'Bearer ' + token.replace(/^Bearer\s+/i, ''); }
          const response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(body) });
          const text = await response.text();
          let json = null;
          try { json = JSON.parse(text); } catch { }
          return { status: response.status, ms: Math.round(performance.now() - started), text, json };
        }

        function show(status, text) {
          $('status').textContent = status;
          $('output').textContent = text;
        }

        function pretty(r) { return r.json ? JSON.stringify(r.json, null, 2) : r.text; }

        async function run() {
          let variables;
          const raw = $('variables').value.trim();
          if (raw) {
            try { variables = JSON.parse(raw); }
            catch (e) { show('变量不是有效的 JSON · Variables are not valid JSON', String(e)); return; }
          }
          const operationName = $('operation').value.trim() || undefined;
          show('…', '');
          try {
            const r = await post({ query: $('query').value, variables, operationName });
            show(`HTTP ${r.status} · ${r.ms} ms`, pretty(r));
          } catch (e) {
            show('请求失败 · Request failed', String(e));
          }
        }

        const typeRef = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
        const rootFields = `{ __schema { queryType { ...Root } mutationType { ...Root } subscriptionType { ...Root } } }
        fragment Root on __Type { name fields { name description args { name type { ${typeRef} } } type { ${typeRef} } } }`;

        function typeName(t) {
          if (!t) return '?';
          if (t.kind === 'NON_NULL') return typeName(t.ofType) + '!';
          if (t.kind === 'LIST') return '[' + typeName(t.ofType) + ']';
          return t.name;
        }

        function printRoot(type) {
          if (!type) return '';
          const fields = type.fields.map(f => {
            const doc = f.description ? `  # ${f.description.replace(/\s+/g, ' ')}\n` : '';
            const args = f.args.length ? '(' + f.args.map(a => `${a.name}: ${typeName(a.type)}`).join(', ') + ')' : '';
            return `${doc}  ${f.name}${args}: ${typeName(f.type)}`;
          });
          return `type ${type.name} {\n${fields.join('\n')}\n}\n`;
        }

        async function schema() {
          show('…', '');
          try {
            const r = await post({ query: rootFields });
            const s = r.json && r.json.data && r.json.data.__schema;
            if (!s) { show(`HTTP ${r.status}`, pretty(r)); return; }
            show(`HTTP ${r.status} · ${r.ms} ms · 根字段 Root fields`,
              [s.queryType, s.mutationType, s.subscriptionType].filter(Boolean).map(printRoot).join('\n'));
          } catch (e) {
            show('请求失败 · Request failed', String(e));
          }
        }

        $('run').addEventListener('click', run);
        $('schema').addEventListener('click', schema);
        document.addEventListener('keydown', e => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
        });
        """;

    private const string Body = """
        <header><h1>OneWindow GraphQL</h1><span>互联网+不动产登记 · Ctrl+Enter 运行 / run</span></header>
        <main>
          <section>
            <label for="query">查询 Query</label>
            <textarea id="query" spellcheck="false">{
          apiVersion
        }</textarea>
            <label for="variables">变量 Variables (JSON)</label>
            <textarea id="variables" spellcheck="false"></textarea>
            <label for="token">访问令牌 Access token（POST /connect/token；不保存 never stored）</label>
            <input id="token" type="password" autocomplete="off" spellcheck="false" placeholder="eyJ…">
            <div class="bar">
              <input id="operation" placeholder="operationName（可选 optional）" spellcheck="false">
              <button id="run" type="button">运行 Run</button>
              <button id="schema" type="button" class="secondary">架构 Schema</button>
            </div>
          </section>
          <section>
            <label for="output">结果 Response</label>
            <div id="status"></div>
            <pre id="output"></pre>
          </section>
        </main>
        """;

    /// <summary>The page, built once.</summary>
    public static readonly string Html =
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>OneWindow GraphQL</title>\n"
        + "<style>" + Style + "</style>\n</head>\n<body>\n" + Body + "\n<script>" + Script + "</script>\n</body>\n</html>\n";

    /// <summary>
    /// Note: the page may run only its own script and style (by hash) and talk only to this origin; nothing else can be
    /// loaded or framed.
    /// </summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; script-src '{Hash(Script)}'; style-src '{Hash(Style)}'; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        return response.WriteAsync(Html, context.RequestAborted);
    }

    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
