/// The sample journeys of the repository's `journeys/` folder, built into the executable so that a
/// binary copied anywhere can walk them and `journeywalk journeys install` can write them out.
/// SwiftPM embeds the files' bytes (`.embedInCode`); a test fails when this list and `journeys/` differ.
public enum SampleJourneys {
    /// One sample: its file name in `journeys/` and the file's bytes.
    public struct Sample: Sendable {
        public var fileName: String
        public var bytes: [UInt8]

        /// The file name without `.yaml`: the sample's journey id.
        public var id: String { fileName.hasSuffix(".yaml") ? String(fileName.dropLast(5)) : fileName }
    }

    /// Every sample, by file name.
    public static let all: [Sample] = [
        Sample(fileName: "gym-membership.yaml", bytes: PackageResources.gym_membership_yaml),
        Sample(fileName: "online-order-return.yaml", bytes: PackageResources.online_order_return_yaml),
        Sample(fileName: "phone-support-call.yaml", bytes: PackageResources.phone_support_call_yaml),
        Sample(fileName: "retail-store-visit.yaml", bytes: PackageResources.retail_store_visit_yaml),
    ]
}
