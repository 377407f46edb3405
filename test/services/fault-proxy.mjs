// A fault-injecting proxy on 127.0.0.1, run as its own process by the fault tests (plain
// JavaScript so `node` runs it directly). It forwards to --target HOST:PORT and misbehaves first:
//   --tcp --reset N      resets the first N connections as soon as they arrive (a server going away);
//                        with --skip M, the first M connections pass and the N after them are reset
//   --tcp --lag MS       delays everything the client sends (its bytes and its end) by MS on the way
//                        to the server, in order (a slow network: a client's last packet arrives late)
//   --http --fail N      answers the first N HTTP requests 503 Server Busy (a throttling service)
//   --http --stall N     holds the first N HTTP requests without an answer (a stalled service)
//   --http --only METHOD the faults above hit only requests of that method (PUT: the lake's writes)
// It prints `listening <port>` when ready and `faults <n>` after each injected fault.
import { createServer as createTcpServer, connect } from 'node:net';
import { createServer as createHttpServer, request } from 'node:http';
import process from 'node:process';
import { setTimeout } from 'node:timers';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(`--${name}`);
  return index < 0 ? 0 : Number(args[index + 1]);
};
const [targetHost, targetPort] = args[args.indexOf('--target') + 1].split(':');
const reset = option('reset');
const skip = option('skip');
const fail = option('fail');
const stall = option('stall');
const lag = option('lag');
const onlyAt = args.indexOf('--only');
const only = onlyAt < 0 ? undefined : args[onlyAt + 1];
let faults = 0;
const injected = () => process.stdout.write(`faults ${++faults}\n`);

let server;
if (args.includes('--tcp')) {
  let seen = 0;
  server = createTcpServer((socket) => {
    if (++seen > skip && seen <= skip + reset) {
      injected();
      socket.resetAndDestroy();
      return;
    }
    const upstream = connect(Number(targetPort), targetHost);
    if (lag > 0) {
      // Each chunk and the end go out MS after they came in; timers of one delay fire in order.
      socket.on('data', (chunk) => setTimeout(() => upstream.write(chunk), lag));
      socket.on('end', () => setTimeout(() => upstream.end(), lag));
      upstream.pipe(socket);
    } else socket.pipe(upstream).pipe(socket);
    const close = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
} else {
  let seen = 0;
  const held = [];
  server = createHttpServer((req, res) => {
    if (only === undefined || req.method === only) seen++;
    else return forward(req, res);
    if (seen <= stall) {
      injected();
      held.push(res);
      req.resume();
      return;
    }
    if (seen <= stall + fail) {
      injected();
      req.resume();
      req.on('end', () => {
        res.writeHead(503, { 'content-type': 'application/xml', 'x-ms-error-code': 'ServerBusy' });
        res.end('<?xml version="1.0" encoding="utf-8"?><Error><Code>ServerBusy</Code><Message>injected by fault-proxy</Message></Error>');
      });
      return;
    }
    forward(req, res);
  });
  const forward = (req, res) => {
    const upstream = request({ host: targetHost, port: Number(targetPort), method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
}
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));
