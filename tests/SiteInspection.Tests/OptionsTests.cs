using Hall.Contract.Settings;
using Hall.SiteInspection.Analysis;
using Hall.SiteInspection.Jobs;
using Hall.SiteInspection.Upload;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.SiteInspection.Tests;

/// <summary>Bad settings of every SiteInspection section stop the box, each named by its full key.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new SectionValidator<SiteInspectionOptions>(SiteInspectionOptions.Section, new SiteInspectionOptionsValidator())
            .Validate(null, new SiteInspectionOptions { ModelDirectory = "/m", WorkDirectory = "/w", SigningKeyPath = "/k.pem" }).Succeeded);
        Assert.True(new SectionValidator<UploadOptions>(UploadOptions.Section, new UploadOptionsValidator()).Validate(null, new UploadOptions { Directory = "/v" }).Succeeded);
        Assert.True(new SectionValidator<InspectionJobOptions>(InspectionJobOptions.Section, new InspectionJobOptionsValidator()).Validate(null, new InspectionJobOptions()).Succeeded);
        Assert.Empty(new AnalysisOptions().Validate());
    }

    [Fact]
    public void A_bad_analysis_value_is_named_by_its_full_key()
    {
        var errors = new AnalysisOptions { SampleWidth = 321, AnalysisRate = 7, SpliceCalmDistance = 30 }.Validate();

        Assert.Contains(errors, e => e.StartsWith("SiteInspection:Analysis:SampleWidth must be even", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SiteInspection:Analysis:AnalysisRate (7) must be a whole multiple of SiteInspection:Analysis:SampleRate", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("SiteInspection:Analysis:SpliceCalmDistance (30) must be below", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_upload_or_job_value_is_named_by_its_full_key()
    {
        var upload = new SectionValidator<UploadOptions>(UploadOptions.Section, new UploadOptionsValidator())
            .Validate(null, new UploadOptions { Directory = "videos", MaxSize = 0 });
        var jobs = new SectionValidator<InspectionJobOptions>(InspectionJobOptions.Section, new InspectionJobOptionsValidator())
            .Validate(null, new InspectionJobOptions { MaxAttempts = 0 });

        Assert.Contains(upload.Failures!, f => f.StartsWith("SiteInspection:Upload:Directory must be an absolute path", StringComparison.Ordinal));
        Assert.Contains(upload.Failures!, f => f.Contains("SiteInspection:Upload:MaxSize must be between 1 and", StringComparison.Ordinal));
        Assert.Contains(jobs.Failures!, f => f.Contains("SiteInspection:Jobs:MaxAttempts must be between 1 and 20", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SiteInspection:VideoRetention", "-1.00:00:00", "SiteInspection:VideoRetention must be between")]
    [InlineData("SiteInspection:MinTextConfidence", "1.5", "SiteInspection:MinTextConfidence must be between 0 and 1")]
    [InlineData("SiteInspection:Analysis:KeyFrameQuality", "40", "SiteInspection:Analysis:KeyFrameQuality must be between 2 and 31")]
    [InlineData("SiteInspection:Jobs:JobTimeout", "00:00:00", "SiteInspection:Jobs:JobTimeout must be between")]
    public void AddSiteInspection_stops_the_start_naming_the_key(string key, string value, string expected)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.AddSiteInspection(Path.Combine(Path.GetTempPath(), "hall-options-test"));
        using var host = builder.Build();

        // What the host runs first at start, before any hosted service: the ValidateOnStart checks.
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
