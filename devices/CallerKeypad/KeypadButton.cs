namespace Hall.Devices.CallerKeypad;

/// <summary>The keys on a counter's caller keypad (叫号器).</summary>
public enum KeypadButton
{
    /// <summary>叫号: call the next waiting ticket.</summary>
    Next,

    /// <summary>重呼: call the current ticket again.</summary>
    Recall,

    /// <summary>过号: the called person did not come; move on.</summary>
    Skip,

    /// <summary>暂停 / 恢复: one key, toggling on the counter's last known state.</summary>
    PauseResume,

    /// <summary>办结: the current ticket is served.</summary>
    Finish,
}
