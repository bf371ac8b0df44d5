// The web server starts its Remix requests in arrival order, one per turn of the event loop, so the sockets are
// read again between two renders (scripts/arrival-order.ts): a request that arrives while a page renders queues
// behind the requests before it, and a webhook delivery is read after one render, not after a whole batch.
import { once } from "node:events";
import { createServer, connect, type AddressInfo, type Socket } from "node:net";
import { ArrivalOrder } from "../../scripts/arrival-order";

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a render's synchronous work
  }
}

describe("requests in arrival order", () => {
  it("starts the waiting requests in the order they asked, one at a time", async () => {
    const arrivals = new ArrivalOrder();
    const started: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        arrivals.turn().then(() => {
          started.push(n);
          busy(2);
        }),
      ),
    );
    expect(started).toEqual([1, 2, 3, 4, 5]);
  });

  it("reads the sockets between two requests: data that arrived during a render is handled before the next starts", async () => {
    const events: string[] = [];
    const server = createServer((socket) => socket.on("data", () => events.push("data read")));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const client: Socket = connect((server.address() as AddressInfo).port, "127.0.0.1");
    await once(client, "connect");
    // The server side of the connection is accepted in a poll of its own.
    await new Promise((resolve) => setTimeout(resolve, 20));
    try {
      const arrivals = new ArrivalOrder();
      await Promise.all([
        arrivals.turn().then(() => {
          events.push("first starts");
          client.write("a webhook delivery");
          busy(30); // the bytes reach the server's socket while this request renders
          events.push("first ends");
        }),
        arrivals.turn().then(() => events.push("second starts")),
      ]);
      expect(events).toEqual(["first starts", "first ends", "data read", "second starts"]);
    } finally {
      client.destroy();
      server.close();
    }
  });
});
