namespace Autri.Portal.Configuration;

public static class OptionsSetup
{
    /// <summary>Binds and validates a section at start: a missing value stops the app with its name.</summary>
    public static T AddValidatedOptions<T>(this WebApplicationBuilder builder, string section) where T : class, new()
    {
        builder.Services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        var value = builder.Configuration.GetSection(section).Get<T>() ?? new T();
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(value, new(value), results, validateAllProperties: true))
        {
            var names = results.SelectMany(r => r.MemberNames).Select(m => $"{section}:{m}");
            throw new InvalidOperationException($"Configuration missing or invalid value for: {string.Join(", ", names)} ({string.Join(" ", results.Select(r => r.ErrorMessage))})");
        }
        return value;
    }
}
