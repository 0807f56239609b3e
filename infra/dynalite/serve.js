// Starts dynalite for Setlist and exits when the parent JVM goes away (its stdin closes), so a killed
// ./setlist never leaves an orphaned DynamoDB server holding the port or the LevelDB lock.
const argv = require('minimist')(process.argv.slice(2));
const dynalite = require('dynalite');
const server = dynalite({ path: argv.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(Number(argv.port), '127.0.0.1', () => {
  console.log('listening ' + server.address().port);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
