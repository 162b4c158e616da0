namespace Hall.FirmwareHost.Rating;

/// <summary>
/// The five levels, the reason list and the submit button, shared by the QR rating page and the
/// counter's tablet page so that a person sees the same choices on both.
/// </summary>
public static class RatingForm
{
    public const string Choices = """
        <div id="levels">
          <button type="button" class="level" id="level-5" data-level="5" aria-pressed="false">非常满意</button>
          <button type="button" class="level" id="level-4" data-level="4" aria-pressed="false">满意</button>
          <button type="button" class="level" id="level-3" data-level="3" aria-pressed="false">基本满意</button>
          <button type="button" class="level" id="level-2" data-level="2" aria-pressed="false">不满意</button>
          <button type="button" class="level" id="level-1" data-level="1" aria-pressed="false">非常不满意</button>
        </div>
        <section id="reason-box" hidden>
          <p>请选择不满意的原因(至少一项)</p>
          <div id="reasons"></div>
          <textarea id="comment" maxlength="200" placeholder="其他意见或建议(选填)"></textarea>
        </section>
        <button type="button" id="submit" disabled>提交评价</button>
        <p id="form-error" role="alert"></p>
        """;
}
