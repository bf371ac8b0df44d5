// The web server's render pool (scripts/render-pool.ts): admin page loads wait in arrival order, go to the
// thread with the fewest in hand, and come back as head, chunks and end; a thread that dies fails only the
// requests it held and is replaced; a request abandoned while it waits never reaches a thread.
import path from "node:path";
import { defaultRenderThreads, RenderPool, type PooledRequest } from "../../scripts/render-pool";

const ECHO_THREAD = path.join(import.meta.dirname, "fixtures", "echo-thread.mjs");

function request(urlPath: string): PooledRequest {
  return { method: "GET", url: `http://localhost${urlPath}`, headers: [], requestId: urlPath };
}

interface Answer {
  status: number;
  headers: [string, string][];
  body: string;
}

function render(pool: RenderPool, urlPath: string): { answer: Promise<Answer>; abandon: () => void } {
  let abandon = () => {};
  const answer = new Promise<Answer>((resolve, reject) => {
    let status = 0;
    let headers: [string, string][] = [];
    const chunks: Buffer[] = [];
    abandon = pool.render(request(urlPath), {
      head(code, _text, list) {
        status = code;
        headers = list;
      },
      chunk(bytes) {
        chunks.push(Buffer.from(bytes));
      },
      end() {
        resolve({ status, headers, body: Buffer.concat(chunks).toString("utf8") });
      },
      fail: reject,
    });
  });
  return { answer, abandon };
}

let pool: RenderPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe("the render pool", () => {
  it("answers in head, chunks and end, and starts a thread's requests in arrival order", async () => {
    pool = await RenderPool.start({ buildEntry: "unused", size: 1, threadEntry: ECHO_THREAD });
    const answers = ["/a", "/b", "/c", "/d", "/e"].map((p) => render(pool!, p).answer);
    // Two in the thread's hands, the rest waiting here.
    expect(pool.stats()).toMatchObject({ waiting: 3, held: [2] });
    const bodies = (await Promise.all(answers)).map((answer) => answer.body);
    expect(bodies).toEqual(["/a #1", "/b #2", "/c #3", "/d #4", "/e #5"]);
    expect(pool.stats()).toEqual({ waiting: 0, held: [0], served: [5] });
  });

  it("shares the requests between its threads", async () => {
    pool = await RenderPool.start({ buildEntry: "unused", size: 2, threadEntry: ECHO_THREAD });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => render(pool!, `/p${i}`).answer));
    const threads = new Set(answers.map((answer) => answer.headers.find(([name]) => name === "x-thread")?.[1]));
    expect(threads.size).toBe(2);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(pool.stats().served.reduce((a, b) => a + b, 0)).toBe(8);
  });

  it("fails only the requests a dying thread held, and replaces the thread", async () => {
    pool = await RenderPool.start({ buildEntry: "unused", size: 2, threadEntry: ECHO_THREAD });
    const crash = render(pool, "/crash");
    await expect(crash.answer).rejects.toThrow(/exited with code 3/);
    // The replacement loads, and the pool is whole again.
    await vi.waitFor(() => expect(pool!.stats().held).toEqual([0, 0]), { timeout: 10_000 });
    const after = await Promise.all([render(pool, "/x").answer, render(pool, "/y").answer]);
    expect(after.map((answer) => answer.status)).toEqual([200, 200]);
  });

  it("never sends a thread a request abandoned while it waited, and lets one abandoned in a thread go", async () => {
    pool = await RenderPool.start({ buildEntry: "unused", size: 1, threadEntry: ECHO_THREAD });
    const slowA = render(pool, "/slow");
    const slowB = render(pool, "/slow");
    const queued = render(pool, "/never");
    expect(pool.stats().waiting).toBe(1);
    queued.abandon();
    expect(pool.stats().waiting).toBe(0);
    // Abandoned in the thread: the thread stops it, and its place is free again.
    slowA.abandon();
    slowB.abandon();
    await vi.waitFor(() => expect(pool!.stats().held).toEqual([0]));
    // The thread was sent the two slow requests and this one, never "/never".
    await expect(render(pool, "/count").answer.then((answer) => answer.body)).resolves.toBe("3");
  });

  it("passes a thread's warnings to the main thread's console, and refuses work once closed", async () => {
    const warnings: string[] = [];
    pool = await RenderPool.start({
      buildEntry: "unused",
      size: 1,
      threadEntry: ECHO_THREAD,
      onConsole: (_level, text) => warnings.push(text),
    });
    await render(pool, "/warn").answer;
    expect(warnings).toEqual(["a warning from the thread"]);
    const held = [render(pool, "/slow"), render(pool, "/slow"), render(pool, "/later")].map((one) =>
      expect(one.answer).rejects.toThrow(/shutting down/),
    );
    await pool.close();
    // The two the thread held and the one still waiting all fail, none hangs.
    await Promise.all(held);
    await expect(render(pool, "/after").answer).rejects.toThrow(/closed/);
    pool = null;
  });
});

describe("how many render threads", () => {
  it("takes RENDER_THREADS when set, else one per core up to four on a machine with more than one", () => {
    expect(defaultRenderThreads(undefined, 1)).toBe(0);
    expect(defaultRenderThreads(undefined, 2)).toBe(2);
    expect(defaultRenderThreads(undefined, 16)).toBe(4);
    expect(defaultRenderThreads("", 2)).toBe(2);
    expect(defaultRenderThreads("0", 8)).toBe(0);
    expect(defaultRenderThreads("3", 1)).toBe(3);
    expect(() => defaultRenderThreads("two", 2)).toThrow(/whole number from 0 to 64/);
    expect(() => defaultRenderThreads("100", 2)).toThrow(/whole number from 0 to 64/);
  });
});
