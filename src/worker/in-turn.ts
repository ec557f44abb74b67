/** Runs the tasks given to it one at a time, in the order given; a failed task does not stop the next. */
export type InTurn = <T>(task: () => Promise<T>) => Promise<T>;

/** A fresh queue of tasks run one at a time. */
export function createInTurn(): InTurn {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
