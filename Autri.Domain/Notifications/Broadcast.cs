namespace Autri.Domain.Notifications;

public enum BroadcastAudience
{
    Everyone,
    OneUser,
}

/// <summary>What an admin typed into the broadcast form, unchecked (a null audience: none chosen, or an unknown one).</summary>
public sealed record BroadcastDraft(BroadcastAudience? Audience, string? Email, string? Title, string? Body, string? Link);

/// <summary>A broadcast that passed <see cref="Broadcast.Validate"/>: only this can be sent.</summary>
public sealed record Broadcast
{
    public const int MaxTitleLength = 120;
    public const int MaxBodyLength = 2000;

    private Broadcast(BroadcastAudience audience, string? email, string title, string body, string? link)
    {
        Audience = audience;
        Email = email;
        Title = title;
        Body = body;
        Link = link;
    }

    public BroadcastAudience Audience { get; }

    /// <summary>Normalized email of the one recipient; null when the audience is everyone.</summary>
    public string? Email { get; }

    public string Title { get; }

    public string Body { get; }

    public string? Link { get; }

    /// <summary>The broadcast, or the problems keyed by field (audience, email, title, body, link).</summary>
    public static BroadcastValidation Validate(BroadcastDraft draft, IReadOnlyCollection<string> allowedLinkHosts)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);

        string? email = null;
        if (draft.Audience == BroadcastAudience.OneUser)
        {
            email = EmailAddress.Normalize(draft.Email ?? "");
            if (email.Length == 0) errors[Fields.Email] = "Enter the email of the person to notify.";
            else if (EmailAddress.Problem(email) is { } problem) errors[Fields.Email] = $"This email {problem}.";
        }
        else if (draft.Audience is not BroadcastAudience.Everyone)
        {
            errors[Fields.Audience] = "Choose everyone or one person.";
        }

        var title = (draft.Title ?? "").Trim();
        if (title.Length == 0) errors[Fields.Title] = "Enter a title.";
        else if (title.Length > MaxTitleLength) errors[Fields.Title] = $"The title is {title.Length} characters; the limit is {MaxTitleLength}.";
        else if (title.Any(char.IsControl)) errors[Fields.Title] = "The title must be one line.";

        // Browsers send textarea line breaks as CRLF; count them as one character, as the person sees them.
        var body = (draft.Body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (body.Length > MaxBodyLength) errors[Fields.Body] = $"The message is {body.Length} characters; the limit is {MaxBodyLength}.";

        var link = NotificationLink.Check(draft.Link, allowedLinkHosts);
        if (link.Problem is { } linkProblem) errors[Fields.Link] = linkProblem;

        return errors.Count > 0
            ? new BroadcastValidation(null, errors)
            : new BroadcastValidation(new Broadcast(draft.Audience!.Value, email, title, body, link.Link), errors);
    }

    public static class Fields
    {
        public const string Audience = "audience";
        public const string Email = "email";
        public const string Title = "title";
        public const string Body = "body";
        public const string Link = "link";
    }
}

public sealed record BroadcastValidation(Broadcast? Broadcast, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Broadcast is not null;
}
