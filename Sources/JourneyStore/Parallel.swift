import Foundation

/// Work on many files spread over every core, with the results in the order of the input.
public enum Parallel {
    /// `transform` of every item, on up to one worker per core, each taking at least `perWorker`
    /// items (below that, fewer workers: starting one costs more than a few small items).
    public static func map<Item: Sendable, Result>(_ items: [Item], perWorker: Int, _ transform: (Item) -> Result) -> [Result] {
        var results = [Result?](repeating: nil, count: items.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count / max(1, perWorker)))
        withoutActuallyEscaping(transform) { transform in
            results.withUnsafeMutableBufferPointer { buffer in
                // Each worker writes only its own slots, so the buffer is shared without a lock.
                nonisolated(unsafe) let slots = buffer
                nonisolated(unsafe) let work = transform
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var index = worker
                    while index < items.count {
                        slots[index] = work(items[index])
                        index += workers
                    }
                }
            }
        }
        return results.compactMap { $0 }  // every slot was written above
    }
}
