#!/usr/bin/env node
// A Cosmos DB REST server for tests: @vercel/cosmosdb-server with the few answers the azure-cosmos
// Java client needs and the bare server lacks. Usage: node server.js PORT (127.0.0.1 only).
// Prints "ready PORT" on stdout once it accepts connections; stops on SIGTERM or when stdin closes,
// so a test JVM that dies never leaves it running.
"use strict";

const lib = "@vercel/cosmosdb-server/lib";
const json = require(`${lib}/json`);
const readDocument = require(`${lib}/handler/read-document`);
const queryDocuments = require(`${lib}/handler/query-documents`);

// The router takes each handler when it is first loaded, so they are wrapped before it is.
const readBody = json.default;
json.default = async req => rewritePatchCondition(req, await readBody(req));

// Fixes a read of a missing item: the bare server throws on it and answers 500.
const read = readDocument.default;
readDocument.default = (account, req, res, params) => {
  const collection = account.database(params.dbId).collection(params.collId);
  const partitionKey = partitionKeyFromHeader(req);
  if (collection.read() && partitionKey
      && !collection.document(params.docId, parsePartitionKey(partitionKey, params.docId)).read()) {
    res.statusCode = 404;
    return { code: "NotFound", message: "Entity with the specified id does not exist in the system." };
  }
  return read(account, req, res, params);
};

const query = queryDocuments.default;
queryDocuments.default = async (account, req, res, params) => {
  if (isTrue(req.headers["x-ms-cosmos-is-query-plan-request"])) {
    return queryPlan(await readBody(req));
  }
  // The client sends no partition key header on a cross-partition query and no header to allow it.
  if (!req.headers["x-ms-documentdb-partitionkey"]) {
    req.headers["x-ms-documentdb-query-enablecrosspartition"] = "true";
  }
  return query(account, req, res, params);
};

// Cosmos DB writes resource ids in base64 with '/' as '-', as they appear in request paths; the bare
// server writes plain base64, so from the 127th database on ("gAB/AA==") some ids break the
// client's paths (its partition key range lookups fail with 410/1000).
const ResourceId = require(`${lib}/account/resource-id`).default;
ResourceId.toBase64String = buffer => buffer.toString("base64").replace(/\//g, "-");
ResourceId.fromBase64String = text => Buffer.from(text.replace(/-/g, "/"), "base64");

// Cosmos DB's CONTAINS and STARTSWITH take a third argument, true to ignore case; the bare server
// knows only two. Same rule otherwise: anything but two strings is undefined.
const builtins = require("@zeit/cosmosdb-query/lib/builtin-functions");
const withIgnoreCase = test => (a, b, ignoreCase = false) => {
  if (typeof a !== "string" || typeof b !== "string" || typeof ignoreCase !== "boolean") {
    return undefined;
  }
  return ignoreCase ? test(a.toLowerCase(), b.toLowerCase()) : test(a, b);
};
builtins.CONTAINS = withIgnoreCase((a, b) => a.includes(b));
builtins.STARTSWITH = withIgnoreCase((a, b) => a.startsWith(b));

const partitionHeader = require(`${lib}/utils/get-partition-from-header`);
const partitionKeyFromHeader = partitionHeader.default;
const { parsePartitionKey } = partitionHeader;

function isTrue(header) {
  return typeof header === "string" && header.toLowerCase() === "true";
}

// The server runs the whole query itself (one partition key range), so the plan leaves ordering,
// TOP, OFFSET/LIMIT and aggregates to it and asks the client only to pass pages through.
function queryPlan(body) {
  const text = typeof body.query === "string" ? body.query : "";
  return {
    partitionedQueryExecutionInfoVersion: 2,
    queryInfo: {
      distinctType: "None",
      orderBy: [],
      orderByExpressions: [],
      groupByExpressions: [],
      groupByAliases: [],
      aggregates: [],
      groupByAliasToAggregateType: {},
      rewrittenQuery: "",
      hasSelectValue: /^\s*SELECT\s+(TOP\s+\S+\s+)?VALUE\b/i.test(text),
      hasNonStreamingOrderBy: false
    },
    queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }]
  };
}

// The client sends a patch condition as "FROM x WHERE e"; the bare server lower-cases such a
// condition (and so the string literals in it). A complete query it takes as written.
function rewritePatchCondition(req, body) {
  if (req.method === "PATCH" && body && typeof body.condition === "string") {
    const match = /^\s*FROM\s+([A-Za-z_][A-Za-z0-9_]*)\s+WHERE\s+([\s\S]*)$/i.exec(body.condition);
    if (match) {
      const [, alias, condition] = match;
      body.condition = `SELECT * FROM ${alias} WHERE ${alias}.id = @id AND (${condition})`;
    }
  }
  return body;
}

const { createHttpsServer } = require(lib);
const port = Number.parseInt(process.argv[2] ?? "0", 10);
const server = createHttpsServer({ keepAlive: true, keepAliveTimeout: 60000 });
server.listen(port, "127.0.0.1", () => {
  process.stdout.write(`ready ${server.address().port}\n`);
});
const stop = () => server.close(() => process.exit(0)) && server.closeAllConnections();
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.resume();
