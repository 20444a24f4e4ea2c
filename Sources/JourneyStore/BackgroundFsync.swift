import Glibc

/// One thread that flushes files to disk (fsync) while their writers go on: the walk screen prepares
/// its next frame while a record lands, and shows the frame only once the wait `start` returned said
/// the record is there. Flushes are done in the order asked, each with its own wait, so writers on
/// several threads (tests run in parallel) never take each other's answer. The thread blocks every
/// signal, so signals (a resize, Ctrl-C) keep reaching the thread that reads the terminal.
final class BackgroundFsync: @unchecked Sendable {
    static let shared = BackgroundFsync()

    /// One flush asked for: the descriptor, and how it went (an errno, 0 when it is on disk), written
    /// by the thread before it posts `done`.
    private final class Request: @unchecked Sendable {
        let fd: Int32
        var failure: Int32 = 0
        let done = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)

        init(fd: Int32) {
            self.fd = fd
            sem_init(done, 0, 0)
        }

        deinit {
            sem_destroy(done)
            done.deallocate()
        }

        func wait() -> Int32 {
            while sem_wait(done) != 0 {}
            return failure
        }
    }

    /// Guards `queue` and `running`; `waiting` counts the requests in `queue`.
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let waiting = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    private var queue: [Request] = []
    private var running = false

    private init() {
        pthread_mutex_init(lock, nil)
        sem_init(waiting, 0, 0)
    }

    /// Starts flushing `fd` and returns how to wait for it: on the thread, or (when no thread can be
    /// started) at once, before returning. The wait gives 0 or the errno of the failed fsync.
    func start(_ fd: Int32) -> () -> Int32 {
        pthread_mutex_lock(lock)
        guard running || launch() else {
            pthread_mutex_unlock(lock)
            let code = fsync(fd) == 0 ? 0 : errno
            return { code }
        }
        let request = Request(fd: fd)
        queue.append(request)
        pthread_mutex_unlock(lock)
        sem_post(waiting)
        return request.wait
    }

    /// Starts the thread; called under the lock.
    private func launch() -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 64 * 1024)
        // The new thread inherits this mask: all signals blocked.
        var all = sigset_t(), previous = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_SETMASK, &all, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let status = pthread_create(&thread, &attributes, { context in
            Unmanaged<BackgroundFsync>.fromOpaque(context!).takeUnretainedValue().serve()
        }, context)
        guard status == 0 else {
            Unmanaged<BackgroundFsync>.fromOpaque(context).release()
            return false
        }
        pthread_detach(thread)
        running = true
        return true
    }

    private func serve() -> Never {
        while true {
            while sem_wait(waiting) != 0 {}
            pthread_mutex_lock(lock)
            let request = queue.removeFirst()
            pthread_mutex_unlock(lock)
            request.failure = fsync(request.fd) == 0 ? 0 : errno
            sem_post(request.done)
        }
    }
}
