import Glibc

/// One thread that flushes a file to disk (fsync) while the caller goes on: the walk screen prepares
/// its next frame while a record lands, and shows the frame only once `wait()` said the record is there.
/// One flush at a time: `start` again only after `wait`. The thread blocks every signal, so signals
/// (a resize, Ctrl-C) keep reaching the thread that reads the terminal.
final class BackgroundFsync: @unchecked Sendable {
    static let shared = BackgroundFsync()

    private let request = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    private let done = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    /// The descriptor to flush and how it went (an errno, 0 when it is on disk): written by one side
    /// before it posts its semaphore, read by the other after it waited on it.
    private var fd: Int32 = -1
    private var failure: Int32 = 0
    private var running = false

    private init() {
        sem_init(request, 0, 0)
        sem_init(done, 0, 0)
    }

    /// Starts flushing `fd` and returns how to wait for it: on the thread, or (when no thread can be
    /// started) at once, before returning. The wait gives 0 or the errno of the failed fsync.
    func start(_ fd: Int32) -> () -> Int32 {
        guard launch() else {
            let code = fsync(fd) == 0 ? 0 : errno
            return { code }
        }
        self.fd = fd
        sem_post(request)
        return { [self] in
            while sem_wait(done) != 0 {}
            return failure
        }
    }

    private func launch() -> Bool {
        if running { return true }
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
            while sem_wait(request) != 0 {}
            failure = fsync(fd) == 0 ? 0 : errno
            sem_post(done)
        }
    }
}
