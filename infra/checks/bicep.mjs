// Reads Bicep files into tree-sitter syntax trees and answers the structural questions the tests ask.
// The grammar ships as WebAssembly with tree-sitter-bicep, so no native build and no Bicep CLI.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

export const infraDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = join(infraDir, '..');

await Parser.init();
const bicep = await Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'));

const parser = new Parser();
parser.setLanguage(bicep);
const trees = new Map();

/** The syntax tree of a source text; a file read by several tests is parsed once. */
export function parse(source) {
  if (!trees.has(source)) {
    trees.set(source, parser.parse(source));
  }
  return trees.get(source);
}

/** Every ERROR or MISSING node, as "line:column kind text" (1-based), empty when the source is valid. */
export function syntaxProblems(source) {
  const problems = [];
  const visit = (node) => {
    if (node.isError || node.isMissing) {
      const kind = node.isMissing ? `MISSING ${node.type}` : 'ERROR';
      problems.push(`${node.startPosition.row + 1}:${node.startPosition.column + 1} ${kind} ${JSON.stringify(node.text.slice(0, 40))}`);
      if (node.isError) {
        return;
      }
    }
    for (const child of node.children) {
      visit(child);
    }
  };
  visit(parse(source).rootNode);
  return problems;
}

/**
 * A .bicepparam file is `using` plus `param name = expression` lines; the grammar reads Bicep
 * templates only, so each value is checked as the expression of a `var` declaration.
 */
export function bicepparamProblems(source) {
  const problems = [];
  const statements = splitStatements(source);
  const using = statements.filter((s) => /^using\s+'[^']+'\s*$/.test(s.text));
  if (using.length !== 1) {
    problems.push('expected exactly one using statement');
  }
  for (const s of statements) {
    if (using.includes(s)) {
      continue;
    }
    const m = /^param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([\s\S]+)$/.exec(s.text);
    if (!m) {
      problems.push(`${s.line}: not a param assignment: ${s.text.slice(0, 40)}`);
      continue;
    }
    for (const p of syntaxProblems(`var ${m[1]} = ${m[2]}\n`)) {
      problems.push(`${s.line}: ${p}`);
    }
  }
  return problems;
}

/** The names assigned in a .bicepparam file, and the template it uses. */
export function bicepparamAssignments(source) {
  const statements = splitStatements(source);
  const usingStatement = statements.find((s) => s.text.startsWith('using'));
  const names = statements.map((s) => /^param\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(s.text)).filter(Boolean).map((m) => m[1]);
  return { using: usingStatement ? /'([^']+)'/.exec(usingStatement.text)[1] : null, names };
}

function splitStatements(source) {
  const statements = [];
  let current = null;
  let depth = 0;
  source.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\/\/.*$/, '').trimEnd();
    if (current === null) {
      if (line.trim() === '') {
        return;
      }
      current = { line: index + 1, text: line.trim() };
    } else {
      current.text += `\n${line}`;
    }
    for (const ch of line.replace(/'(?:[^'\\]|\\.)*'/g, '')) {
      if ('{[('.includes(ch)) depth += 1;
      if ('}])'.includes(ch)) depth -= 1;
    }
    if (depth <= 0) {
      statements.push(current);
      current = null;
      depth = 0;
    }
  });
  if (current !== null) {
    statements.push(current);
  }
  return statements;
}

/** Paths (relative to the repository) of every file under infra/ ending in the given suffix. */
export function infraFiles(suffix) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'target') {
        continue;
      }
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else if (entry.name.endsWith(suffix)) {
        found.push(relative(repoDir, path));
      }
    }
  };
  walk(infraDir);
  return found.sort();
}

export function readRepoFile(path) {
  return readFileSync(join(repoDir, path), 'utf8');
}

/** A parsed template with lookups by declaration. */
export class BicepFile {
  /** The template at a repository path, or the given source text under that name. */
  constructor(path, source = readRepoFile(path)) {
    this.path = path;
    this.source = source;
    this.root = parse(this.source).rootNode;
  }

  declarations(type) {
    return this.root.namedChildren.filter((n) => n.type === type);
  }

  /** Resources, nested child resources included, each with symbol, type, apiVersion, body (object node), conditional, loop. */
  resources() {
    return this.root.descendantsOfType('resource_declaration').map((declaration) => {
      const [symbolNode, typeNode] = declaration.namedChildren;
      const [type, apiVersion] = stringValue(typeNode).split('@');
      const { body, conditional, loop } = declarationBody(declaration);
      const decorators = declaration.previousNamedSibling?.type === 'decorators'
        ? declaration.previousNamedSibling.namedChildren.map((d) => d.text)
        : [];
      return { symbol: symbolNode.text, type, apiVersion, body, conditional, loop, decorators, node: declaration, text: declaration.text };
    });
  }

  resourcesOfType(type) {
    return this.resources().filter((r) => r.type.toLowerCase() === type.toLowerCase());
  }

  modules() {
    return this.declarations('module_declaration').map((declaration) => {
      const [symbolNode, pathNode] = declaration.namedChildren;
      const { body, conditional } = declarationBody(declaration);
      return { symbol: symbolNode.text, path: stringValue(pathNode), body, conditional, text: declaration.text };
    });
  }

  /** name -> { node, defaultNode, decorators: [text] } */
  params() {
    const params = new Map();
    for (const declaration of this.declarations('parameter_declaration')) {
      const named = declaration.namedChildren;
      const decorators = declaration.previousNamedSibling?.type === 'decorators'
        ? declaration.previousNamedSibling.namedChildren.map((d) => d.text)
        : [];
      params.set(named[0].text, { node: declaration, defaultNode: named[2] ?? null, decorators });
    }
    return params;
  }

  /** name -> value node */
  variables() {
    const vars = new Map();
    for (const declaration of this.declarations('variable_declaration')) {
      const [name, value] = declaration.namedChildren;
      vars.set(name.text, value);
    }
    return vars;
  }

  /** name -> value node */
  outputs() {
    const outputs = new Map();
    for (const declaration of this.declarations('output_declaration')) {
      const named = declaration.namedChildren;
      outputs.set(named[0].text, named[named.length - 1]);
    }
    return outputs;
  }

  /** The comment lines directly above a top-level declaration. */
  commentAbove(declaration) {
    const lines = [];
    let previous = declaration.previousNamedSibling;
    let expectedRow = declaration.startPosition.row - 1;
    while (previous && previous.type === 'comment' && previous.endPosition.row === expectedRow) {
      lines.unshift(previous.text);
      expectedRow = previous.startPosition.row - 1;
      previous = previous.previousNamedSibling;
    }
    return lines.join('\n');
  }

  /**
   * Resolves an expression to a literal where the file allows: literals, variables, and parameter
   * defaults. Returns undefined for anything computed at deployment time.
   */
  literal(node) {
    if (!node) {
      return undefined;
    }
    switch (node.type) {
      case 'string':
        return node.namedChildren.every((c) => c.type === 'string_content' || c.type === 'escape_sequence')
          ? stringValue(node)
          : undefined;
      case 'number':
        return Number(node.text);
      case 'boolean':
        return node.text === 'true';
      case 'null':
        return null;
      case 'unary_expression':
        return node.text.startsWith('-') ? -this.literal(node.namedChildren[0]) : undefined;
      case 'identifier': {
        const variable = this.variables().get(node.text);
        if (variable) {
          return this.literal(variable);
        }
        const param = this.params().get(node.text);
        return param ? this.literal(param.defaultNode) : undefined;
      }
      case 'parenthesized_expression':
        return this.literal(node.namedChildren[0]);
      default:
        return undefined;
    }
  }
}

function declarationBody(declaration) {
  const value = declaration.namedChildren[declaration.namedChildren.length - 1];
  if (value.type === 'object') {
    return { body: value, conditional: false, loop: false };
  }
  if (value.type === 'if_statement') {
    return { body: value.namedChildren.find((c) => c.type === 'object'), conditional: true, loop: false };
  }
  if (value.type === 'for_statement') {
    const body = value.childForFieldName('body');
    if (body?.type === 'object') {
      return { body, conditional: false, loop: true };
    }
    const inner = body?.namedChildren.find((c) => c.type === 'object');
    return { body: inner, conditional: true, loop: true };
  }
  return { body: null, conditional: false, loop: false };
}

export function stringValue(node) {
  return node.text.replace(/^'|'$/g, '');
}

/** The value node at a dotted path of property names inside an object node, or undefined. */
export function property(objectNode, path) {
  let current = objectNode;
  for (const key of path.split('.')) {
    if (!current || current.type !== 'object') {
      return undefined;
    }
    const match = current.namedChildren.find((p) => p.type === 'object_property' && propertyName(p) === key);
    if (!match) {
      return undefined;
    }
    current = match.namedChildren[match.namedChildren.length - 1];
  }
  return current;
}

export function propertyName(propertyNode) {
  const key = propertyNode.namedChildren[0];
  return key.type === 'string' ? stringValue(key) : key.text;
}

/** The objects in an array node (also inside `cond ? [...] : [...]`: both branches). */
export function arrayObjects(node) {
  if (!node) {
    return [];
  }
  if (node.type === 'array') {
    return node.namedChildren.filter((c) => c.type === 'object');
  }
  if (node.type === 'ternary_expression') {
    return [...arrayObjects(node.childForFieldName('consequence')), ...arrayObjects(node.childForFieldName('alternative'))];
  }
  return [];
}

/** Property names of an object node. */
export function propertyNames(objectNode) {
  return objectNode.namedChildren.filter((p) => p.type === 'object_property').map(propertyName);
}
