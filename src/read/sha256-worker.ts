// A worker thread of sha256OfFiles (read/sha256.ts): the hashes of the files it is given, in their order.
import { parentPort, workerData } from "node:worker_threads";
import { sha256OfFile } from "./sha256.ts";

parentPort!.postMessage((workerData as string[]).map(sha256OfFile));
