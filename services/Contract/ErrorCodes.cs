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
}
