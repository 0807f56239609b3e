// Starts dynalite for Setlist and exits when the parent JVM goes away (its stdin closes), so a killed
// ./setlist never leaves an orphaned DynamoDB server holding the port or the LevelDB lock.
const argv = require('minimist')(process.argv.slice(2));
const dynalite = require('dynalite');
// dynalite rethrows a request's 'error' event, so a client that dies mid-request (a publisher killed with kill -9)
// would take the server, and every other client's data, down with it. A request that never fully arrived wrote
// nothing: only that error is survived; any other uncaught error still ends the process.
process.on('uncaughtException', (err) => {
  if (err && (err.message === 'aborted' || err.code === 'ECONNRESET')) {
    console.error('a client went away mid-request: ' + err.message);
    return;
  }
  console.error((err && err.stack) || err);
  process.exit(1);
});
const server = dynalite({ path: argv.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(Number(argv.port), '127.0.0.1', () => {
  console.log('listening ' + server.address().port);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
