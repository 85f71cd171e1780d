// The GraphQL explorer of the host: GraphiQL (query completion from introspection, the docs pane, history), with
// a token field whose value goes as `Authorization: Bearer …` on every request the page makes.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { GraphiQL } from 'graphiql';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

const endpoint = '/graphql';

const defaultQuery = `# OneWindow 不动产登记 GraphQL
# 令牌 Token: paste one above, or press 演示令牌 (demo-bank, client credentials).
# Ctrl+Space 补全 completion · Ctrl+Enter 运行 run · 文档 docs: the book icon on the left.
{
  searchProperties(location: "星湖", first: 2) {
    edges {
      node {
        unitCode
        location
      }
    }
  }
}
`;

// Read by the fetcher at each request, so a new token applies to the next one. Kept in memory only: never stored.
let currentToken = '';

function bearer(token) {
  return token.trim().replace(/^Bearer\s+/i, '');
}

function createFetcher(onAnswer) {
  return async (params, options) => {
    const headers = {
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json',
      ...options?.headers,
    };
    if (currentToken) {
      headers.Authorization = `Bearer ${currentToken}`;
    }
    const started = performance.now();
    const response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(params) });
    const text = await response.text();
    if (params.operationName !== 'IntrospectionQuery') {
      onAnswer(`HTTP ${response.status} · ${Math.round(performance.now() - started)} ms`);
    }
    try {
      return JSON.parse(text);
    } catch {
      return { errors: [{ message: `HTTP ${response.status}: ${text}` }] };
    }
  };
}

/** A client-credentials token for demo-bank (the published demo secret of docs/auth.md). */
async function demoToken() {
  const response = await fetch('/connect/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo-bank', client_secret: 'demo-secret' }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) {
    throw new Error(body.error_description || body.error || `HTTP ${response.status}`);
  }
  return body.access_token;
}

function Explorer() {
  const [token, setToken] = useState('');
  const [status, setStatus] = useState('');
  const [fetcher] = useState(() => createFetcher(setStatus));

  const changeToken = value => {
    currentToken = bearer(value);
    setToken(value);
  };
  const fetchDemoToken = async () => {
    setStatus('…');
    try {
      changeToken(await demoToken());
      setStatus('演示令牌已填入 · demo-bank token filled in');
    } catch (error) {
      setStatus(`演示令牌失败 · Demo token failed: ${error.message}`);
    }
  };

  return (
    <div className="ow-page">
      <header className="ow-bar">
        <strong>OneWindow GraphQL</strong>
        <label htmlFor="token">访问令牌 Access token</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="eyJ…（POST /connect/token；不保存 never stored）"
          value={token}
          onChange={event => changeToken(event.target.value)}
        />
        <button id="demo-token" type="button" onClick={fetchDemoToken} title="client_credentials: demo-bank / demo-secret (docs/auth.md)">
          演示令牌 Demo token
        </button>
        <output id="status">{status}</output>
      </header>
      <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} defaultEditorToolsVisibility={false} />
    </div>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
);
