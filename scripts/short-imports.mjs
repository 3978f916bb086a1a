// Shortens the names under which a wasm-bindgen module imports its JavaScript functions
// (`__wbg_get_9b4a3c21d0e8f7a6: function(...)` in the glue, the same name in the wasm's import
// section) to two or three characters, in both files alike. The names carry a 16-digit hash each,
// which gzip cannot shrink: about 2.5 KB of the glue and as much of the module, gzipped. What the
// functions do, and every other name, stays as it is. Used by scripts/postbuild.mjs.

/** Reads an unsigned LEB128 number at `at`; answers [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function toLeb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

const utf8 = new TextDecoder();
const encode = (text) => new TextEncoder().encode(text);

/** The byte length of an import's description (after its kind byte) at `at`. */
function descEnd(bytes, kind, at) {
  const limits = (p) => {
    const flags = bytes[p++];
    [, p] = leb(bytes, p);
    if (flags & 1) [, p] = leb(bytes, p);
    return p;
  };
  switch (kind) {
    case 0: return leb(bytes, at)[1]; // function: its type
    case 1: return limits(at + 1); // table: element type, limits
    case 2: return limits(at); // memory: limits
    case 3: return at + 2; // global: value type, mutability
    case 4: return leb(bytes, at + 1)[1]; // tag: attribute, type
    default: throw new Error(`import of unknown kind ${kind}`);
  }
}

/**
 * Renames, in `wasm` (bytes) and `glue` (the JS text), every import whose name is defined exactly
 * once in the glue as `NAME: function`. Answers { wasm, glue, renamed }.
 */
export function shortenImports(wasm, glue) {
  const bytes = new Uint8Array(wasm);
  if (utf8.decode(bytes.subarray(0, 4)) !== '\0asm') throw new Error('not a wasm module');
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = leb(bytes, at + 1);
    if (id !== 2) {
      at = body + size;
      continue;
    }
    // The import section: rebuild it with the new names.
    let p = body;
    const [count, first] = leb(bytes, p);
    p = first;
    const out = [...toLeb(count)];
    const names = new Map();
    for (let i = 0; i < count; i++) {
      const [moduleLength, m] = leb(bytes, p);
      const module = bytes.subarray(p, m + moduleLength); // with its length
      p = m + moduleLength;
      const [fieldLength, f] = leb(bytes, p);
      let field = utf8.decode(bytes.subarray(f, f + fieldLength));
      p = f + fieldLength;
      const kind = bytes[p];
      const end = descEnd(bytes, kind, p + 1);
      const key = new RegExp(`^(\\s+)${field.replace(/\$/g, '\\$')}: function`, 'gm');
      if (names.has(field)) {
        field = names.get(field);
      } else if (/^__wb(g|indgen)_/.test(field) && (glue.match(key) ?? []).length === 1) {
        const short = `w${names.size.toString(36)}`;
        names.set(field, short);
        glue = glue.replace(key, `$1${short}: function`);
        field = short;
      }
      out.push(...module, ...toLeb(encode(field).length), ...encode(field), ...bytes.subarray(p, end));
      p = end;
    }
    const section = [2, ...toLeb(out.length), ...out];
    const rebuilt = new Uint8Array(at + section.length + (bytes.length - (body + size)));
    rebuilt.set(bytes.subarray(0, at));
    rebuilt.set(section, at);
    rebuilt.set(bytes.subarray(body + size), at + section.length);
    return { wasm: Buffer.from(rebuilt), glue, renamed: names.size };
  }
  return { wasm: Buffer.from(bytes), glue, renamed: 0 };
}
