/**
 * A fast path for the allocation CLI: reads an instance (../shared/formats/allocation.md)
 * straight from its bytes into the solver's arrays, without JSON.parse building 200,000
 * objects and strings first (at 10,000 × 3,000 that was a third of the run).
 *
 * It accepts only the plain case — valid JSON, every item well-formed, ids of printable
 * ASCII without escapes, numbers written as plain integers — and gives up (undefined) on
 * anything else: then the caller runs JSON.parse and `allocateInput`, which accept the same
 * instances (and more: escapes, 3.0, 1e2, non-ASCII ids) and name whatever is wrong. So
 * this path only has to be right when it answers; when it does, the answer is what the
 * general path would give (tested side by side in allocate.spec.ts).
 */

/** An instance as arrays indexed by position: what the solver reads (ids of requests and offers by position; edges as positions). */
export interface CompiledInstance {
  requestIds: string[];
  quantity: Float64Array;
  offerIds: string[];
  capacity: Float64Array;
  edgeRequest: Int32Array;
  edgeOffer: Int32Array;
  edgeScore: Float64Array;
  bonus: number;
}
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const BACKSLASH = 0x5c;

/** Thrown inside the scanner to give up; never escapes this file. */
class GiveUp extends Error {}
const GIVE_UP = new GiveUp('not the plain case');

/** Ids by their bytes: open addressing on an FNV-1a hash, the bytes compared on a hit. */
class IdTable {
  private start = new Int32Array(0);
  private length = new Int32Array(0);
  private hash = new Int32Array(0);
  private index = new Int32Array(0);
  private mask = 0;
  private count = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.resize(1024);
  }

  private resize(capacity: number): void {
    const { start, length, hash, index } = this;
    this.start = new Int32Array(capacity);
    this.length = new Int32Array(capacity);
    this.hash = new Int32Array(capacity);
    this.index = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let i = 0; i < index.length; i++) {
      if (index[i] === -1) continue;
      let j = hash[i] & this.mask;
      while (this.index[j] !== -1) j = (j + 1) & this.mask;
      this.start[j] = start[i];
      this.length[j] = length[i];
      this.hash[j] = hash[i];
      this.index[j] = index[i];
    }
  }

  /** The index of the id bytes[s, e) with hash h, or -1. */
  get(s: number, e: number, h: number): number {
    const { bytes, mask } = this;
    const n = e - s;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const x = this.index[i];
      if (x === -1) return -1;
      if (this.hash[i] === h && this.length[i] === n) {
        const t = this.start[i];
        let k = 0;
        while (k < n && bytes[t + k] === bytes[s + k]) k++;
        if (k === n) return x;
      }
    }
  }

  /** Adds the id bytes[s, e) (hash h, not in the table) with its index. */
  add(s: number, e: number, h: number, index: number): void {
    if (++this.count * 2 > this.index.length) this.resize(this.index.length * 2);
    const mask = this.mask;
    let i = h & mask;
    while (this.index[i] !== -1) i = (i + 1) & mask;
    this.start[i] = s;
    this.length[i] = e - s;
    this.hash[i] = h;
    this.index[i] = index;
  }
}

/** The instance from its bytes (UTF-8 JSON), or undefined when it is not the plain case. */
export function compileJsonBytes(bytes: Uint8Array): CompiledInstance | undefined {
  try {
    return new Scanner(bytes).instance();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

class Scanner {
  private p = 0;
  /** Where the last string read starts and ends (inside the quotes), and its FNV-1a hash. */
  private s = 0;
  private e = 0;
  private h = 0;

  constructor(private readonly b: Uint8Array) {}

  private fail(): never {
    throw GIVE_UP;
  }

  private ws(): number {
    const b = this.b;
    let p = this.p;
    let c = b[p];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p];
    this.p = p;
    return c; // undefined past the end
  }

  private expect(c: number): void {
    if (this.ws() !== c) this.fail();
    this.p++;
  }

  /** A string of printable ASCII without escapes; sets s, e and h. */
  private string(): void {
    const b = this.b;
    if (this.ws() !== QUOTE) this.fail();
    let p = this.p + 1;
    const s = p;
    let h = 0x811c9dc5;
    for (;;) {
      const c = b[p];
      if (c === QUOTE) break;
      if (c === undefined || c < 0x20 || c >= 0x7f || c === BACKSLASH) this.fail();
      h = Math.imul(h ^ c, 0x01000193);
      p++;
    }
    this.s = s;
    this.e = p;
    this.h = h;
    this.p = p + 1;
  }

  /** The last string read, as a string (ASCII). */
  private text(): string {
    let out = '';
    for (let i = this.s; i < this.e; i++) out += String.fromCharCode(this.b[i]);
    return out;
  }

  /** A non-negative integer written plainly (no sign, fraction, exponent or leading zero), at most `max`. */
  private integer(min: number, max: number): number {
    const b = this.b;
    let c = this.ws();
    let p = this.p;
    if (c === 0x30) {
      p++;
      c = b[p];
      if (c !== undefined && ((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45)) this.fail();
      this.p = p;
      if (min > 0) this.fail();
      return 0;
    }
    let v = 0;
    let digits = 0;
    while (c >= 0x31 - (digits > 0 ? 1 : 0) && c <= 0x39) {
      v = v * 10 + (c - 0x30);
      digits++;
      c = b[++p];
    }
    if (digits === 0 || digits > 15 || c === 0x2e || c === 0x65 || c === 0x45) this.fail();
    if (v < min || v > max) this.fail();
    this.p = p;
    return v;
  }

  /** Any JSON value, checked and passed over (an unknown field). */
  private skip(depth = 0): void {
    if (depth > 64) this.fail();
    const b = this.b;
    const c = this.ws();
    if (c === QUOTE) {
      // Any string: escapes checked, control characters refused.
      let p = this.p + 1;
      for (;;) {
        const d = b[p];
        if (d === undefined || d < 0x20) this.fail();
        if (d === QUOTE) break;
        if (d === BACKSLASH) {
          const x = b[p + 1];
          if (x === 0x75) {
            for (let k = 2; k < 6; k++) {
              const y = b[p + k];
              if (!((y >= 0x30 && y <= 0x39) || (y >= 0x41 && y <= 0x46) || (y >= 0x61 && y <= 0x66))) this.fail();
            }
            p += 6;
            continue;
          }
          if (x !== QUOTE && x !== BACKSLASH && x !== 0x2f && x !== 0x62 && x !== 0x66 && x !== 0x6e && x !== 0x72 && x !== 0x74) this.fail();
          p += 2;
          continue;
        }
        p++;
      }
      this.p = p + 1;
    } else if (c === LBRACE) {
      this.p++;
      if (this.ws() === RBRACE) {
        this.p++;
        return;
      }
      for (;;) {
        this.string();
        this.expect(COLON);
        this.skip(depth + 1);
        const d = this.ws();
        this.p++;
        if (d === RBRACE) return;
        if (d !== COMMA) this.fail();
      }
    } else if (c === LBRACKET) {
      this.p++;
      if (this.ws() === RBRACKET) {
        this.p++;
        return;
      }
      for (;;) {
        this.skip(depth + 1);
        const d = this.ws();
        this.p++;
        if (d === RBRACKET) return;
        if (d !== COMMA) this.fail();
      }
    } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
      for (const word of ['true', 'false', 'null']) {
        if (word.charCodeAt(0) !== c) continue;
        for (let k = 0; k < word.length; k++) if (b[this.p + k] !== word.charCodeAt(k)) this.fail();
        this.p += word.length;
        return;
      }
    } else {
      // A number: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
      let p = this.p;
      const digits = () => {
        const s = p;
        while (b[p] >= 0x30 && b[p] <= 0x39) p++;
        if (p === s) this.fail();
      };
      if (b[p] === 0x2d) p++;
      if (b[p] === 0x30) p++;
      else digits();
      if (b[p] === 0x2e) {
        p++;
        digits();
      }
      if (b[p] === 0x65 || b[p] === 0x45) {
        p++;
        if (b[p] === 0x2b || b[p] === 0x2d) p++;
        digits();
      }
      this.p = p;
    }
  }

  /** A key (a string): its number in KEYS, or −1 for a key we do not know. */
  private key(): number {
    const b = this.b;
    if (this.ws() !== QUOTE) this.fail();
    const s = this.p + 1;
    let p = s;
    for (;;) {
      const c = b[p];
      if (c === QUOTE) break;
      if (c === undefined || c < 0x20 || c >= 0x7f || c === BACKSLASH) this.fail();
      p++;
    }
    this.p = p + 1;
    const n = p - s;
    const c = b[s];
    let k = -1;
    if (n === 2) k = ID;
    else if (n === 5) k = c === 0x6f ? OFFER : c === 0x73 ? SCORE : EDGES;
    else if (n === 7) k = REQUEST;
    else if (n === 8) k = c === 0x71 ? QUANTITY : c === 0x72 ? REQUESTS : CAPACITY;
    else if (n === 6) k = OFFERS;
    else if (n === 13) k = FAIRNESS_BONUS;
    if (k < 0) return -1;
    const key = KEYS[k];
    if (key.length !== n) return -1;
    for (let i = 0; i < n; i++) if (key[i] !== b[s + i]) return -1;
    return k;
  }

  /**
   * The next key of an object whose '{' or previous value has been read: its number in
   * KEYS (−1 unknown), or END at the '}'. `first`: right after the '{'.
   */
  private nextKey(first: boolean): number {
    const c = this.ws();
    if (first) {
      if (c === RBRACE) {
        this.p++;
        return END;
      }
    } else {
      this.p++;
      if (c === RBRACE) return END;
      if (c !== COMMA) this.fail();
    }
    const k = this.key();
    this.expect(COLON);
    return k;
  }

  /** What plainEdge read. */
  private edgeRequest = 0;
  private edgeOffer = 0;
  private edgeScore = 0;

  /**
   * The edge at p in its usual shape, {"request":"R","offer":"O","score":S} without spaces,
   * ids of printable ASCII naming known items, S in 0..1000: sets edgeRequest, edgeOffer
   * and edgeScore and returns where it ends; −1 (p unchanged) for anything else.
   */
  private plainEdge(requests: IdTable, offers: IdTable): number {
    const b = this.b;
    let p = this.p;
    for (let i = 0; i < EDGE_REQUEST.length; i++) if (b[p + i] !== EDGE_REQUEST[i]) return -1;
    p += EDGE_REQUEST.length;
    let s = p;
    let h = 0x811c9dc5;
    for (;;) {
      const c = b[p];
      if (c === QUOTE) break;
      if (!(c >= 0x20 && c < 0x7f) || c === BACKSLASH) return -1;
      h = Math.imul(h ^ c, 0x01000193);
      p++;
    }
    const r = requests.get(s, p, h);
    if (r < 0) return -1;
    for (let i = 0; i < EDGE_OFFER.length; i++) if (b[p + i] !== EDGE_OFFER[i]) return -1;
    p += EDGE_OFFER.length;
    s = p;
    h = 0x811c9dc5;
    for (;;) {
      const c = b[p];
      if (c === QUOTE) break;
      if (!(c >= 0x20 && c < 0x7f) || c === BACKSLASH) return -1;
      h = Math.imul(h ^ c, 0x01000193);
      p++;
    }
    const o = offers.get(s, p, h);
    if (o < 0) return -1;
    for (let i = 0; i < EDGE_SCORE.length; i++) if (b[p + i] !== EDGE_SCORE[i]) return -1;
    p += EDGE_SCORE.length;
    let c = b[p];
    let v = 0;
    if (c === 0x30) c = b[++p];
    else {
      for (let digits = 0; c >= 0x30 && c <= 0x39; digits++) {
        if (digits === 4) return -1;
        v = v * 10 + (c - 0x30);
        c = b[++p];
      }
      if (v === 0 || v > 1000) return -1;
    }
    if (c !== RBRACE) return -1;
    this.edgeRequest = r;
    this.edgeOffer = o;
    this.edgeScore = v;
    return p + 1;
  }

  /** After an array's '[' (first) or an element: true if another element follows. */
  private more(first: boolean): boolean {
    const c = this.ws();
    if (first) {
      if (c !== RBRACKET) return true;
      this.p++;
      return false;
    }
    this.p++;
    if (c === RBRACKET) return false;
    if (c !== COMMA) this.fail();
    return true;
  }

  instance(): CompiledInstance {
    const requestIds: string[] = [];
    let quantity = new Float64Array(1024);
    const offerIds: string[] = [];
    let capacity = new Float64Array(1024);
    let edges = 0;
    let edgeRequest = new Int32Array(1 << 16);
    let edgeOffer = new Int32Array(1 << 16);
    let edgeScore = new Float64Array(1 << 16);
    const requestTable = new IdTable(this.b);
    const offerTable = new IdTable(this.b);
    let bonus = 0;
    let seen = 0;
    let edgesAt = -1;

    const readRequests = () => {
      this.expect(LBRACKET);
      for (let first = true; this.more(first); first = false) {
        this.expect(LBRACE);
        let fields = 0;
        let q = 0;
        for (let k = this.nextKey(true); k !== END; k = this.nextKey(false)) {
          if (k === ID) {
            if (fields & 1) this.fail(); // a key twice: JSON.parse would keep the last
            fields |= 1;
            this.string();
            if (requestTable.get(this.s, this.e, this.h) !== -1) this.fail(); // a duplicate id
            requestTable.add(this.s, this.e, this.h, requestIds.length);
            requestIds.push(this.text());
          } else if (k === QUANTITY) {
            if (fields & 2) this.fail(); // a key twice: JSON.parse would keep the last
            fields |= 2;
            q = this.integer(1, Number.MAX_SAFE_INTEGER);
          } else this.skip();
        }
        if (fields !== 3) this.fail();
        if (requestIds.length > quantity.length) quantity = grow(quantity, (n) => new Float64Array(n));
        quantity[requestIds.length - 1] = q;
      }
    };
    const readOffers = () => {
      this.expect(LBRACKET);
      for (let first = true; this.more(first); first = false) {
        this.expect(LBRACE);
        let fields = 0;
        let c = 0;
        for (let k = this.nextKey(true); k !== END; k = this.nextKey(false)) {
          if (k === ID) {
            if (fields & 1) this.fail(); // a key twice: JSON.parse would keep the last
            fields |= 1;
            this.string();
            if (offerTable.get(this.s, this.e, this.h) !== -1) this.fail();
            offerTable.add(this.s, this.e, this.h, offerIds.length);
            offerIds.push(this.text());
          } else if (k === CAPACITY) {
            if (fields & 2) this.fail(); // a key twice: JSON.parse would keep the last
            fields |= 2;
            c = this.integer(1, Number.MAX_SAFE_INTEGER);
          } else this.skip();
        }
        if (fields !== 3) this.fail();
        if (offerIds.length > capacity.length) capacity = grow(capacity, (n) => new Float64Array(n));
        capacity[offerIds.length - 1] = c;
      }
    };
    const readEdges = () => {
      this.expect(LBRACKET);
      for (let first = true; this.more(first); first = false) {
        // Most edges are written {"request":"R","offer":"O","score":S}: read that shape in
        // one go; any other (spaces, another order, more fields) field by field.
        this.ws();
        const at = this.plainEdge(requestTable, offerTable);
        if (at >= 0) {
          if (edges === edgeRequest.length) {
            edgeRequest = grow(edgeRequest, (n) => new Int32Array(n));
            edgeOffer = grow(edgeOffer, (n) => new Int32Array(n));
            edgeScore = grow(edgeScore, (n) => new Float64Array(n));
          }
          edgeRequest[edges] = this.edgeRequest;
          edgeOffer[edges] = this.edgeOffer;
          edgeScore[edges] = this.edgeScore;
          edges++;
          this.p = at;
          continue;
        }
        this.expect(LBRACE);
        let fields = 0;
        let r = -1;
        let o = -1;
        let score = 0;
        for (let k = this.nextKey(true); k !== END; k = this.nextKey(false)) {
          if (k === REQUEST) {
            if (fields & 1) this.fail(); // a key twice: JSON.parse would keep the last
            fields |= 1;
            this.string();
            r = requestTable.get(this.s, this.e, this.h);
            if (r === -1) this.fail();
          } else if (k === OFFER) {
            if (fields & 2) this.fail(); // a key twice: JSON.parse would keep the last
            fields |= 2;
            this.string();
            o = offerTable.get(this.s, this.e, this.h);
            if (o === -1) this.fail();
          } else if (k === SCORE) {
            if (fields & 4) this.fail(); // a key twice: JSON.parse would keep the last
            fields |= 4;
            score = this.integer(0, 1000);
          } else this.skip();
        }
        if (fields !== 7) this.fail();
        if (edges === edgeRequest.length) {
          edgeRequest = grow(edgeRequest, (n) => new Int32Array(n));
          edgeOffer = grow(edgeOffer, (n) => new Int32Array(n));
          edgeScore = grow(edgeScore, (n) => new Float64Array(n));
        }
        edgeRequest[edges] = r;
        edgeOffer[edges] = o;
        edgeScore[edges] = score;
        edges++;
      }
    };

    this.expect(LBRACE);
    for (let k = this.nextKey(true); k !== END; k = this.nextKey(false)) {
      if (k === REQUESTS) {
        if (seen & 1) this.fail(); // a key twice: JSON.parse would keep the last
        seen |= 1;
        readRequests();
      } else if (k === OFFERS) {
        if (seen & 2) this.fail(); // a key twice: JSON.parse would keep the last
        seen |= 2;
        readOffers();
      } else if (k === EDGES) {
        if (seen & 4) this.fail(); // a key twice: JSON.parse would keep the last
        seen |= 4;
        // The edges name requests and offers: read them once both lists are known.
        if ((seen & 3) === 3) readEdges();
        else {
          edgesAt = this.p;
          this.skip();
        }
      } else if (k === FAIRNESS_BONUS) {
        if (seen & 8) this.fail(); // a key twice: JSON.parse would keep the last
        seen |= 8;
        bonus = this.integer(0, 1_000_000);
      } else this.skip();
    }
    if ((seen & 7) !== 7) this.fail();
    if (this.ws() !== undefined) this.fail(); // something after the instance
    if (edgesAt >= 0) {
      this.p = edgesAt;
      readEdges();
    }
    if (hasDuplicatePair(requestIds.length, offerIds.length, edgeRequest, edgeOffer, edges)) this.fail();
    return {
      requestIds,
      quantity: quantity.slice(0, requestIds.length),
      offerIds,
      capacity: capacity.slice(0, offerIds.length),
      edgeRequest: edgeRequest.slice(0, edges),
      edgeOffer: edgeOffer.slice(0, edges),
      edgeScore: edgeScore.slice(0, edges),
      bonus,
    };
  }
}

/** Whether two of the first `edges` edges join the same request and offer: the edges grouped by request, offers stamped. */
function hasDuplicatePair(R: number, O: number, edgeRequest: Int32Array, edgeOffer: Int32Array, edges: number): boolean {
  const start = new Int32Array(R + 1);
  for (let e = 0; e < edges; e++) start[edgeRequest[e] + 1]++;
  for (let r = 0; r < R; r++) start[r + 1] += start[r];
  const byRequest = new Int32Array(edges);
  const fill = start.slice(0, R);
  for (let e = 0; e < edges; e++) byRequest[fill[edgeRequest[e]]++] = edgeOffer[e];
  const stamp = new Int32Array(O);
  for (let r = 0; r < R; r++) {
    for (let i = start[r]; i < start[r + 1]; i++) {
      const o = byRequest[i];
      if (stamp[o] === r + 1) return true;
      stamp[o] = r + 1;
    }
  }
  return false;
}

const grow = <T extends Float64Array | Int32Array>(a: T, make: (size: number) => T): T => {
  const bigger = make(a.length * 2);
  bigger.set(a);
  return bigger;
};

/** The keys of the format, as bytes; their numbers below. */
const KEYS = ['id', 'quantity', 'capacity', 'request', 'offer', 'score', 'requests', 'offers', 'edges', 'fairnessBonus'].map((k) =>
  Uint8Array.from(k, (ch) => ch.charCodeAt(0)),
);
const [ID, QUANTITY, CAPACITY, REQUEST, OFFER, SCORE, REQUESTS, OFFERS, EDGES, FAIRNESS_BONUS] = KEYS.map((_, i) => i);
const END = -2;
const bytesOf = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const EDGE_REQUEST = bytesOf('{"request":"');
const EDGE_OFFER = bytesOf('","offer":"');
const EDGE_SCORE = bytesOf('","score":');
