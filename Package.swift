// swift-tools-version:6.2
import PackageDescription

// Release builds on Linux put each function in its own section and link with lld in the order of
// `bench/walk-order.txt` (the functions a walk runs, written by `bench/walk-order`), so the code a
// walk touches sits together instead of across the whole binary: the kernel maps a binary's pages a
// large block at a time, and peak memory follows how many blocks the walk touches
// (docs/benchmarks.md, "Where the walk's memory goes").
let sectionPerFunction: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-function-sections"], .when(platforms: [.linux], configuration: .release)),
]
let walkOrder = Context.packageDirectory + "/bench/walk-order.txt"
let orderedLink: [LinkerSetting] = [
    .unsafeFlags(
        ["-use-ld=lld", "-Xlinker", "--symbol-ordering-file=" + walkOrder, "-Xlinker", "--no-warn-symbol-ordering"],
        .when(platforms: [.linux], configuration: .release)
    ),
]

let package = Package(
    name: "journeywalk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "journeywalk", targets: ["journeywalk"]),
        // The team commands (SPEC 8): the only program that links postgres-nio, found by `journeywalk
        // team …` beside itself, so the walk's build and binary stay as they were (README, "The team").
        .executable(name: "journeywalk-team", targets: ["journeywalk-team"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    ],
    targets: [
        .target(
            name: "CNcurses",
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        .target(name: "JourneyKit", swiftSettings: sectionPerFunction),
        // `journeys` is a link to the repository's journeys/ folder: the samples are compiled in as bytes.
        .target(name: "JourneySamples", resources: [.embedInCode("journeys")], swiftSettings: sectionPerFunction),
        .target(name: "JourneyStore", dependencies: ["JourneyKit", "JourneySamples", "Yams"], swiftSettings: sectionPerFunction),
        // The walk index: a SQLite database derived from the walk files (docs/walk-index.md).
        .target(name: "JourneyIndex", dependencies: ["JourneyKit", "JourneyStore", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: sectionPerFunction),
        .target(name: "JourneyReports", dependencies: ["JourneyKit"], swiftSettings: sectionPerFunction),
        .target(name: "WalkUI", dependencies: ["JourneyKit", "JourneyReports"], swiftSettings: sectionPerFunction),
        .target(name: "CursesTerminal", dependencies: ["WalkUI", "CNcurses"], swiftSettings: sectionPerFunction),
        .executableTarget(
            name: "journeywalk",
            dependencies: [
                "JourneyKit", "JourneyStore", "JourneyIndex", "JourneyReports", "WalkUI", "CursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: sectionPerFunction,
            linkerSettings: orderedLink
        ),
        // The team store on PostgreSQL (SPEC 8): the only module that links postgres-nio.
        .target(
            name: "JourneyTeam",
            dependencies: [
                "JourneyKit", "JourneyStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "journeywalk-team",
            dependencies: [
                "JourneyKit", "JourneyStore", "JourneyTeam", "JourneyReports", "WalkUI", "CursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "JourneyKitTests", dependencies: ["JourneyKit"]),
        .testTarget(
            name: "JourneyStoreTests",
            dependencies: ["JourneyStore", "JourneySamples"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "JourneyIndexTests", dependencies: ["JourneyIndex", "JourneyStore", "JourneyReports"]),
        .testTarget(
            name: "JourneyReportsTests",
            dependencies: ["JourneyReports", "JourneyStore"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "WalkUITests",
            dependencies: ["WalkUI", "JourneyStore"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "JourneyTeamTests", dependencies: ["JourneyTeam", "JourneyStore", "JourneyKit"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["journeywalk", "journeywalk-team", "CNcurses"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets for the journey reader and the walk-file reader. They exist only when bench/fuzz
// builds them (with -sanitize=fuzzer, in .build-fuzz), so `swift build` and `swift test` never see them.
if Context.environment["JOURNEYWALK_FUZZ"] == "1" {
    package.targets += [
        .target(name: "FuzzDriver", path: "Fuzz/FuzzDriver"),
        .executableTarget(name: "JourneyReaderFuzz", dependencies: ["JourneyStore", "FuzzDriver"], path: "Fuzz/JourneyReaderFuzz"),
        .executableTarget(name: "WalkReaderFuzz", dependencies: ["JourneyStore", "JourneyKit", "FuzzDriver"], path: "Fuzz/WalkReaderFuzz"),
    ]
}
