// Reads everything, answers nothing, never exits on its own.
process.stdin.resume();
setInterval(() => undefined, 1000);
