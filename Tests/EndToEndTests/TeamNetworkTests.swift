import Foundation
import Glibc
import Testing

/// TLS, a server restored from a backup, a shopper offline, and evidence: the team store as a shopper
/// on a bad connection and an agency's IT person meet it.
@Suite(.serialized) struct TeamNetworkTests {
    @Test func tlsIsUsedAndTheCertificateCheckedAsTheAddressAsks() throws {
        guard let team = TestTeam(TestServer.required()), team.addMember("tia", role: "shopper") else { return }
        // The test server refuses members of tls_only over TCP without TLS (scripts/team-server's
        // pg_hba.conf), so a connection that gets in with sslmode=require was encrypted.
        team.server.superuserSQL("DO $$ BEGIN CREATE ROLE tls_only NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        team.server.superuserSQL("GRANT tls_only TO \(team.name("tia"))")
        let tia = team.name("tia")
        let plain = team.run(as: "tia", ["team", "connect", team.url(tia, query: "?sslmode=disable")], password: team.password("tia"))
        #expect(plain.status == 1 && plain.output.contains("does not let \(tia) in"), "\(plain.output)")
        let required = team.run(as: "tia", ["team", "connect", team.url(tia, query: "?sslmode=require")], password: team.password("tia"))
        #expect(required.status == 0, "require encrypts (the certificate is self-signed and, as in libpq, not checked): \(required.output)")
        let verified = team.run(as: "tia", ["team", "connect", team.url(tia, query: "?sslmode=verify-full&sslrootcert=\(team.server.certificate)")], password: team.password("tia"))
        #expect(verified.status == 0, "verify-full with the server's own certificate as the root: \(verified.output)")
        #expect(try String(contentsOfFile: team.home("tia") + "/team.conf", encoding: .utf8).contains("sslmode=verify-full"))

        // Another certificate as the root: the server is not the one the address trusts.
        let other = team.root + "/other"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        let made = spawnAndWait(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                                 "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", other + "/key.pem", "-out", other + "/cert.pem"])
        #expect(made.status == 0)
        let stranger = team.run(as: "tia", ["team", "connect", team.url(tia, query: "?sslmode=verify-full&sslrootcert=\(other)/cert.pem")], password: team.password("tia"))
        #expect(stranger.status != 0 && stranger.output.contains("TLS"), "\(stranger.output)")
        #expect(stranger.output.filter { $0 == "\n" }.count == 1)
        let missing = team.run(as: "tia", ["team", "connect", team.url(tia, query: "?sslmode=verify-full&sslrootcert=\(other)/none.pem")], password: team.password("tia"))
        #expect(missing.status == 1 && missing.output.contains("sslrootcert \(other)/none.pem: no such readable file"), "\(missing.output)")
        #expect(try String(contentsOfFile: team.home("tia") + "/team.conf", encoding: .utf8).contains("sslrootcert=\(team.server.certificate.replacingOccurrences(of: "/", with: "%2F"))"),
                "a refused connect leaves team.conf as it was")
    }

    @Test func aServerRestoredFromABackupIsDetectedAndTheWalkersWalksArePushedAgain() throws {
        guard let server = TestServer.required(), let team = TestTeam(server), team.addMember("ana", role: "shopper"),
              team.addMember("lee", role: "leader") else { return }
        guard let first = team.walk("ana") else { return }
        #expect(team.run(as: "ana", ["push", "--all"], password: team.password("ana")).status == 0)
        let dump = team.root + "/backup.dump"
        let dumped = spawnAndWait([server.bin + "/pg_dump", "-h", server.socket, "-p", String(server.port), "-U", server.superuser, "-Fc", "-f", dump, team.database])
        #expect(dumped.status == 0, "\(dumped.output)")
        usleep(1_100_000)
        guard let second = team.walk("ana", location: "High Street") else { return }
        #expect(team.run(as: "ana", ["push", "--all"], password: team.password("ana")).status == 0)
        #expect(team.run(as: "ana", ["pull"], password: team.password("ana")).status == 0)
        #expect(team.run(as: "lee", ["pull"], password: team.password("lee")).output.contains("Pulled 24 records of 2 walks"))

        // The server goes back to the backup: the second walk is gone from it.
        let restored = spawnAndWait([server.bin + "/pg_restore", "-h", server.socket, "-p", String(server.port), "-U", server.superuser,
                                     "--clean", "--if-exists", "-d", team.database, dump])
        #expect(restored.status == 0, "\(restored.output)")
        let secondID = URL(fileURLWithPath: second).deletingPathExtension().lastPathComponent
        #expect(team.serverLines(secondID, of: "ana") == "")

        let anaPull = team.run(as: "ana", ["pull"], password: team.password("ana"))
        #expect(anaPull.status == 0)
        #expect(anaPull.output.contains("it was restored from a backup or replaced; everything was pulled again"), "\(anaPull.output)")
        #expect(anaPull.output.contains("the team server lacks records of 1 walk of yours that this machine pushed"), "\(anaPull.output)")
        #expect(anaPull.output.contains("\(secondID): sent again 12 records"), "\(anaPull.output)")
        #expect(team.serverLines(secondID, of: "ana") == (try String(contentsOfFile: second, encoding: .utf8)))
        let firstID = URL(fileURLWithPath: first).deletingPathExtension().lastPathComponent
        #expect(team.serverLines(firstID, of: "ana") == (try String(contentsOfFile: first, encoding: .utf8)))
        // A walk pushed after the restore is never skipped by a member whose cursor was past the
        // backup's last change: change numbers go on above every number given out before.
        guard team.addMember("ben", role: "shopper"), let third = team.walk("ben", location: "Station") else { return }
        #expect(team.run(as: "ben", ["push", "--all"], password: team.password("ben")).status == 0)
        let leePull = team.run(as: "lee", ["pull"], password: team.password("lee"))
        #expect(leePull.status == 0)
        let thirdID = URL(fileURLWithPath: third).deletingPathExtension().lastPathComponent
        #expect(FileManager.default.contents(atPath: team.home("lee") + "/team/walks/\(team.name("ben"))/\(thirdID).jsonl") == FileManager.default.contents(atPath: third),
                "\(leePull.output)")
        #expect(FileManager.default.contents(atPath: team.home("lee") + "/team/walks/\(team.name("ana"))/\(secondID).jsonl") == FileManager.default.contents(atPath: second),
                "the leader's copies are kept")
    }

    @Test func aSubmitOfflineWaitsInTheQueueAndIsPushedLater() throws {
        guard let team = TestTeam(TestServer.required()), team.addMember("ana", role: "shopper"), let walk = team.walk("ana") else { return }
        let walkID = URL(fileURLWithPath: walk).deletingPathExtension().lastPathComponent
        // The shopper is offline: the address in team.conf answers nowhere (a closed port of this machine).
        let conf = team.home("ana") + "/team.conf"
        let online = try String(contentsOfFile: conf, encoding: .utf8)
        try online.replacingOccurrences(of: ":\(team.server.port)/", with: ":\(freeTCPPort())/").write(toFile: conf, atomically: true, encoding: .utf8)
        let submit = team.run(as: "ana", ["submit", walkID], password: team.password("ana"), program: journeywalkBinary)
        #expect(submit.status == 0, "the walk is submitted whatever the network: \(submit.output)")
        #expect(submit.output.contains("Walk \(walkID) is read-only from now on"))
        #expect(submit.output.contains("connection refused; 1 walk wait in the queue: journeywalk push sends them"), "\(submit.output)")
        #expect((try? String(contentsOfFile: team.home("ana") + "/team/outbox.log", encoding: .utf8)) == "+\(walkID)\n", "queued in the outbox on disk")
        let offline = team.run(as: "ana", ["team", "status"], password: team.password("ana"), program: journeywalkBinary)
        #expect(offline.status == 75)
        #expect(offline.output.contains("waiting      1 walk to push: journeywalk push"), "\(offline.output)")
        // Back online: journeywalk push (through journeywalk, which runs the team program) sends the queue.
        try online.write(toFile: conf, atomically: true, encoding: .utf8)
        let push = team.run(as: "ana", ["push"], password: team.password("ana"), program: journeywalkBinary)
        #expect(push.status == 0 && push.output.contains("\(walkID): sent 13 records"), "\(push.output)")
        #expect(team.sql("SELECT submitted FROM journeywalk.walks WHERE walk_id = '\(walkID)'") == "t")
        #expect(team.run(as: "ana", ["team", "status", "--format", "json"], password: team.password("ana")).output.contains(#""waiting":0"#))
        #expect((try? String(contentsOfFile: team.home("ana") + "/team/outbox.log", encoding: .utf8)) == "+\(walkID)\n-\(walkID)\n", "taken off the queue once pushed")
        #expect((try? String(contentsOfFile: team.home("ana") + "/team/pushed.log", encoding: .utf8)) == "\(walkID) 13\n", "the count the server held, kept to notice a server that loses it")
    }

    @Test func evidenceIsSentOncePerHashCheckedByTheServerAndCapped() throws {
        guard let team = TestTeam(TestServer.required()), team.addMember("ana", role: "shopper"), team.addMember("lee", role: "leader") else { return }
        let photo = team.root + "/shelf.jpg"
        FileManager.default.createFile(atPath: photo, contents: Data((0..<5000).map { UInt8($0 % 251) }))
        let big = team.root + "/video.mp4"
        FileManager.default.createFile(atPath: big, contents: Data(repeating: 7, count: 3000))
        guard let first = team.walk("ana", script: "m\nattach \(photo)\nattach \(big)\nn\nx\nm\nm\nm\nm\nm\nm\nm\nfinish\n"),
              team.walk("ana", script: "m\nattach \(photo)\nn\nx\nm\nm\nm\nm\nm\nm\nm\nfinish\n", location: "High Street") != nil else { return }
        _ = first
        // The team's cap is lowered to 4,000 bytes: the photo is over it, the video under.
        team.server.superuserSQL("UPDATE journeywalk.settings SET value = '4000' WHERE key = 'evidence_cap_bytes'", database: team.database)
        let capped = team.run(as: "ana", ["push", "--all"], password: team.password("ana"))
        #expect(capped.status == 0)
        #expect(capped.output.contains("evidence \(photo) is 0.0 MB, over the team's cap") || capped.output.contains("over the team's cap"), "\(capped.output)")
        #expect(team.sql("SELECT count(*) FROM journeywalk.evidence") == "1")
        team.server.superuserSQL("UPDATE journeywalk.settings SET value = '52428800' WHERE key = 'evidence_cap_bytes'", database: team.database)
        // Both walks attach the photo: it is stored once, used by both.
        let sent = team.run(as: "ana", ["push", "--all"], password: team.password("ana"))
        #expect(sent.output.contains("1 evidence file"), "\(sent.output)")
        #expect(team.sql("SELECT count(*) FROM journeywalk.evidence") == "2")
        #expect(team.sql("SELECT count(*) FROM journeywalk.evidence_uses") == "3")
        #expect(team.sql("SELECT encode(content, 'hex') = '\(Data((0..<5000).map { UInt8($0 % 251) }).map { String(format: "%02x", $0) }.joined())' FROM journeywalk.evidence WHERE size = 5000") == "t")
        // The server checks the hash: a file that does not hash to its name is refused, even through psql.
        let forged = team.server.psql("SELECT journeywalk.put_evidence(repeat('a', 64), 3, '\\x010203')",
                                      as: team.name("ana"), password: team.password("ana"), database: team.database)
        #expect(forged.status != 0 && forged.output.contains("does not hash to"), "\(forged.output)")
        let direct = team.server.psql("INSERT INTO journeywalk.evidence (sha256, size, content) VALUES (repeat('a', 64), 3, '\\x010203')",
                                      as: team.name("ana"), password: team.password("ana"), database: team.database)
        #expect(direct.status != 0 && direct.output.contains("permission denied"), "\(direct.output)")
        // The leader reads the evidence of the walks they read; a shopper reads only their own.
        #expect(team.server.psql("SELECT count(*) FROM journeywalk.evidence", as: team.name("lee"), password: team.password("lee"), database: team.database).output == "2\n")
    }
}
