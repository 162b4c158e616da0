namespace Hall.Evaluation.Domain;

/// <summary>Why the hall appeals a bad review: given by mistake (误评) or malicious (恶意差评).</summary>
public enum AppealKind
{
    Mistaken,
    Malicious,
}
