namespace Hall.Contract;

/// <summary>
/// Every error code a device or a page can be answered with. docs/error-codes.md lists the same,
/// with what a person should do; a test keeps the two in step.
/// </summary>
public static class ErrorCodes
{
    // Any request
    public const string BadJson = "bad-json";
    public const string MissingField = "missing-field";
    public const string InvalidField = "invalid-field";
    public const string UnknownRequest = "unknown-request";
    public const string NotAllowed = "not-allowed";
    public const string StoreUnavailable = "store-unavailable";

    // Devices
    public const string DeviceExists = "device-exists";
    public const string UnknownDevice = "unknown-device";
    public const string UnknownVillage = "unknown-village";
    public const string NotThisVillage = "not-this-village";

    // Tickets
    public const string UnknownCategory = "unknown-category";
    public const string CategoryClosed = "category-closed";
    public const string AlreadyWaiting = "already-waiting";
    public const string DailyLimitReached = "daily-limit-reached";
    public const string UnknownTicket = "unknown-ticket";
    public const string ReprintDisabled = "reprint-disabled";
    public const string ReprintLimit = "reprint-limit";

    // Counters
    public const string UnknownCounter = "unknown-counter";
    public const string UnknownCommand = "unknown-command";
    public const string CounterClosed = "counter-closed";
    public const string CounterPaused = "counter-paused";
    public const string CounterBusy = "counter-busy";
    public const string NoWaitingTicket = "no-waiting-ticket";
    public const string NoCurrentTicket = "no-current-ticket";
    public const string TicketNotWaiting = "ticket-not-waiting";
    public const string RecallLimit = "recall-limit";
    public const string SkipTooEarly = "skip-too-early";
    public const string NotSignedIn = "not-signed-in";
    public const string BadPin = "bad-pin";
    public const string SameTarget = "same-target";
    public const string RatingPending = "rating-pending";

    // Staff accounts and sign-in
    public const string StaffExists = "staff-exists";
    public const string UnknownStaff = "unknown-staff";
    public const string WeakPin = "weak-pin";
    public const string WeakPassword = "weak-password";
    public const string StaffLocked = "staff-locked";
    public const string SignInFailed = "sign-in-failed";
    public const string LastAdmin = "last-admin";

    /// <summary>Too many sign-in tries from this address or device (or the box is busy hashing): wait the time the answer names.</summary>
    public const string SignInThrottled = "sign-in-throttled";

    /// <summary>An admin tried to end a sign-in session that is not live (never was, or already ended).</summary>
    public const string UnknownSession = "unknown-session";

    // Ratings and bad reviews (好差评)
    public const string AlreadyRated = "already-rated";
    public const string RatingWindowClosed = "rating-window-closed";
    public const string NotThisCounter = "not-this-counter";
    public const string ReasonsRequired = "reasons-required";
    public const string InvalidLevel = "invalid-level";
    public const string UnknownCase = "unknown-case";

    /// <summary>No 督办 with that id on this box.</summary>
    public const string UnknownSupervision = "unknown-supervision";

    /// <summary>The 督办 was already answered; an answer is given once.</summary>
    public const string SupervisionAnswered = "supervision-answered";
    public const string CaseState = "case-state";

    // Cameras (counter monitoring)
    public const string CameraExists = "camera-exists";
    public const string UnknownCamera = "unknown-camera";
    public const string CameraInSettings = "camera-in-settings";

    // Site inspection
    public const string UploadEmpty = "upload-empty";
    public const string UploadTooLarge = "upload-too-large";
    public const string UploadNotVideo = "upload-not-video";
    public const string UploadOffsetMismatch = "upload-offset-mismatch";
    public const string UploadBusy = "upload-busy";
    public const string UploadChecksumMismatch = "upload-checksum-mismatch";
    public const string UploadNoSpace = "upload-no-space";
    public const string UploadGone = "upload-gone";
    public const string UnknownUpload = "unknown-upload";
    public const string UnknownInspectionJob = "unknown-inspection-job";
    public const string InspectionJobState = "inspection-job-state";

    // Enrollment tickets, device replacement and box set-up (hallctl, the setup route)

    /// <summary>Not an enrollment ticket (no HT1. prefix, cut off, not base64url, unreadable content).</summary>
    public const string TicketMalformed = "ticket-malformed";

    /// <summary>The ticket's signature does not verify with the box's Sync:HubSigningKey (tampered, or another county's).</summary>
    public const string TicketBadSignature = "ticket-bad-signature";

    /// <summary>The box has no Sync:HubSigningKey, so it cannot check any ticket.</summary>
    public const string TicketNoCountyKey = "ticket-no-county-key";

    /// <summary>The ticket names another box.</summary>
    public const string TicketWrongBox = "ticket-wrong-box";

    /// <summary>The ticket's time is over.</summary>
    public const string TicketExpired = "ticket-expired";

    /// <summary>The ticket was redeemed already (each enrolls one device once).</summary>
    public const string TicketUsed = "ticket-used";

    /// <summary>The device's setup sent its secret-bearing request over plain HTTP from another machine.</summary>
    public const string SetupNeedsHttps = "setup-needs-https";

    /// <summary>hallctl box init: a value would stop the box at start; nothing was written.</summary>
    public const string SettingsInvalid = "settings-invalid";

    // HTTP devices (web kiosk, rating tablet, counter page) and the box's routes

    /// <summary>The browser holds no device cookie, or its device was revoked or replaced: a technician enrolls it.</summary>
    public const string DeviceNotEnrolled = "device-not-enrolled";

    /// <summary>The browser is an enrolled device of another role or another counter than the route's.</summary>
    public const string DeviceNotAllowed = "device-not-allowed";

    /// <summary>A setup link already used, expired, unknown, or of a revoked device.</summary>
    public const string SetupLinkInvalid = "setup-link-invalid";

    /// <summary>A box route that declares no audience: refused until it does (a bug, logged).</summary>
    public const string RouteUndeclared = "route-undeclared";

    // Disk budget (docs/security.md#disk): a writer refused for room, and a store that cannot write (/healthz)

    /// <summary>The disk cannot hold it without taking what open uploads reserved or the store's floor (Disk:StoreFloorMiB).</summary>
    public const string DiskBudgetExceeded = "disk-budget-exceeded";

    /// <summary>One application (one applicant link) has as many open uploads, or reserved bytes, as it may.</summary>
    public const string UploadLimitReached = "upload-limit-reached";

    /// <summary>/healthz: the disk is full, the store cannot grow.</summary>
    public const string StoreDiskFull = "store-disk-full";

    /// <summary>/healthz: the store's write probe failed for another reason (permissions, a damaged file).</summary>
    public const string StoreCannotWrite = "store-cannot-write";

    // Transport security
    /// <summary>Staff sign-in, staff pages and anything carrying a password, PIN or device secret over plain HTTP.</summary>
    public const string HttpsRequired = "https-required";
}
