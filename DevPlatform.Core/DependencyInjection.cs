using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SQS;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Architecture;
using DevPlatform.Core.CodeGeneration;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Documentation;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Schemas;
using DevPlatform.Core.Teams;
using DevPlatform.Core.Teams.Invitations;
using DevPlatform.Core.Settings;
using DevPlatform.Core.Tokens;
using DevPlatform.Core.Uploads;
using DevPlatform.Core.Storage;
using DevPlatform.Core.Storage.Aws;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Blobs.Aws;
using DevPlatform.Core.Storage.Blobs.Local;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Documents.Aws;
using DevPlatform.Core.Storage.Documents.Local;
using DevPlatform.Core.Storage.Local;
using DevPlatform.Core.Storage.Notifications;
using DevPlatform.Core.Storage.Notifications.Aws;
using DevPlatform.Core.Storage.Notifications.Local;
using DevPlatform.Core.Storage.Queues;
using DevPlatform.Core.Storage.Queues.Aws;
using DevPlatform.Core.Storage.Queues.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DevPlatform.Core;

public static class DependencyInjection
{
    /// <summary>Storage on the configured provider, and the services of every area.</summary>
    public static IServiceCollection AddDevPlatformCore(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        services.AddSingleton(storage);
        services.TryAddSingleton(TimeProvider.System);

        // Storage
        services.TryAddSingleton<StorageReadiness>();
        services.TryAddSingleton<NotificationDispatcher>();
        services.AddSingleton(Catalog());
        if (storage.Provider == StorageProvider.Aws) AddAwsStorage(services, configuration);
        else AddLocalStorage(services, storage.Local);
        services.AddHostedService<StorageInitializer>();
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section)
            .Validate(o => o.CacheSeconds >= 0 && o.ProbeTimeoutSeconds > 0, "Health:CacheSeconds must be 0 or more and Health:ProbeTimeoutSeconds positive.")
            .ValidateOnStart();
        // A singleton, so its cached round of probes is shared by every /health call.
        services.TryAddSingleton<StorageHealthCheck>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");

        // Identity and access
        services.TryAddSingleton<AccessControl>();
        services.TryAddSingleton<TeamDirectory>();
        services.TryAddSingleton<SessionStore>();
        services.TryAddSingleton<ApiTokenService>();

        // Teams: membership, roles and invitations
        services.AddOptions<TeamOptions>().BindConfiguration(TeamOptions.Section)
            .Validate(o => o.InvitationLifetime >= TimeSpan.FromMinutes(1) && o.InvitationLifetime <= TimeSpan.FromDays(90),
                "Teams:InvitationLifetime must be between 00:01:00 and 90.00:00:00.")
            .Validate(o => o.MaxMembers is >= 1 and <= 1000, "Teams:MaxMembers must be between 1 and 1000 (the team item lists every member).")
            .Validate(o => o.MaxPendingInvitations is >= 1 and <= 1000, "Teams:MaxPendingInvitations must be between 1 and 1000.")
            .Validate(o => o.MaxTeamsCreatedPerUser >= 0, "Teams:MaxTeamsCreatedPerUser must not be negative.")
            .Validate(o => string.IsNullOrEmpty(o.PublicBaseUrl) || (Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"),
                "Teams:PublicBaseUrl must be an absolute http(s) URL, such as https://devplatform.example.com.")
            .ValidateOnStart();
        services.TryAddSingleton<TeamRecords>();
        services.TryAddSingleton<TeamMembership>();
        services.TryAddSingleton<TeamService>();
        services.TryAddSingleton<InvitationService>();
        services.AddSingleton<IOwedEffectHandler, MembershipEffects>();

        // Convergence of multi-step writes: owed work on items, and the repair pass
        services.AddOptions<ConvergenceOptions>().BindConfiguration(ConvergenceOptions.Section)
            .Validate(o => o.Interval > TimeSpan.Zero && o.Grace >= TimeSpan.Zero, "Convergence:Interval must be positive and Convergence:Grace not negative.")
            .ValidateOnStart();
        services.TryAddSingleton<OwedWorkRunner>();
        services.AddHostedService<ConvergenceWorker>();

        // Activity
        services.TryAddSingleton<ActivityLog>();
        services.TryAddSingleton<ActivityFeed>();

        // Projects
        services.TryAddSingleton<ProjectService>();

        // Architecture: records per project with named versions
        services.TryAddSingleton<ArchitectureService>();
        services.AddSingleton<IBlobReferences>(sp => sp.GetRequiredService<ArchitectureService>());
        services.AddSingleton<IOwedEffectHandler, ArchitectureEffects>();
        services.AddSingleton<IProjectDeletionEffects, ArchitectureProjectCleanUp>();
        services.AddSingleton<IProjectDeletionEffects, DocumentationProjectCleanUp>();

        // Schemas: versioned data models per project, read by code generation through ISchemaSource
        services.TryAddSingleton<SchemaService>();
        services.TryAddSingleton<ISchemaSource>(sp => sp.GetRequiredService<SchemaService>());
        services.AddSingleton<IOwedEffectHandler, SchemaEffects>();
        services.AddSingleton<IProjectDeletionEffects, SchemaProjectCleanUp>();

        // Uploads: content checks, orphan-free storage of files, and their clean-up
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section)
            .Validate(o => o.ClaimLifetime >= TimeSpan.FromMinutes(5), "Uploads:ClaimLifetime must be at least 00:05:00 (the longest an upload may take).")
            .Validate(o => o.ClaimTakeover >= TimeSpan.FromSeconds(3) && o.ClaimTakeover < o.ClaimLifetime,
                "Uploads:ClaimTakeover must be at least 00:00:03 and shorter than Uploads:ClaimLifetime.")
            .Validate(o => o.DownloadUrlLifetime >= TimeSpan.FromSeconds(30) && o.DownloadUrlLifetime <= TimeSpan.FromDays(7),
                "Uploads:DownloadUrlLifetime must be between 00:00:30 and 7.00:00:00 (S3's presigned URLs last 7 days at most).")
            .ValidateOnStart();
        services.TryAddSingleton<BlobEffects>();
        services.AddSingleton<IOwedEffectHandler>(sp => sp.GetRequiredService<BlobEffects>());
        services.TryAddSingleton<UploadClaims>();
        services.TryAddSingleton<BlobUploader>();

        // Settings: a person's profile, preferences and picture
        services.TryAddSingleton<SettingsService>();
        services.TryAddSingleton<ProfilePictureService>();
        services.AddSingleton<IBlobReferences>(sp => sp.GetRequiredService<ProfilePictureService>());
        services.AddSingleton<IOwedEffectHandler, ProfileEffects>();
        services.AddSingleton<IOwedEffectHandler, EmailSubscriptionEffects>();

        // Documentation: pages with versions, search, attachments
        services.TryAddSingleton<MarkdownRenderer>();
        services.TryAddSingleton<DocumentService>();
        services.TryAddSingleton<DocumentHistory>();
        services.TryAddSingleton<DocumentIndex>();
        services.TryAddSingleton<DocumentSearch>();
        services.TryAddSingleton<AttachmentService>();
        services.AddSingleton<IBlobReferences>(sp => sp.GetRequiredService<AttachmentService>());
        services.AddSingleton<IOwedEffectHandler, DocumentEffects>();

        // Code generation: runs as queued jobs, the worker (switchable off for web-only instances) and live progress
        services.AddOptions<CodeGenerationOptions>().BindConfiguration(CodeGenerationOptions.Section)
            .Validate(o => o.Concurrency is >= 1 and <= 16, "CodeGeneration:Concurrency must be between 1 and 16.")
            .Validate(o => o.PollWait >= TimeSpan.Zero && o.PollWait <= TimeSpan.FromSeconds(20), "CodeGeneration:PollWait must be between 00:00:00 and 00:00:20 (SQS's longest poll).")
            .Validate(o => o.VisibilityTimeout >= TimeSpan.FromSeconds(1) && o.VisibilityTimeout <= TimeSpan.FromHours(12),
                "CodeGeneration:VisibilityTimeout must be between 00:00:01 and 12:00:00 (SQS's longest).")
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.HeartbeatInterval < o.VisibilityTimeout,
                "CodeGeneration:HeartbeatInterval must be positive and shorter than CodeGeneration:VisibilityTimeout.")
            .Validate(o => o.RetryDelay >= TimeSpan.Zero && o.ProgressInterval >= TimeSpan.Zero, "CodeGeneration:RetryDelay and :ProgressInterval must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton<CodeGenerationRecords>();
        services.TryAddSingleton<CodeGenerationService>();
        services.TryAddSingleton<CodeGenerationJobs>();
        services.TryAddSingleton<CodeGenerationFeed>();
        services.AddSingleton<IOwedEffectHandler, CodeGenerationEffects>();
        services.AddSingleton<IProjectDeletionEffects, CodeGenerationProjectCleanUp>();
        services.AddHostedService<CodeGenerationWorker>();
        return services;
    }

    private static StorageCatalog Catalog()
    {
        var catalog = new StorageCatalog();
        catalog.Tables.AddRange([IdentityTables.UsersTable, IdentityTables.TeamsTable, SessionStore.TableDefinition, ActivityLog.TableDefinition,
            ProjectService.TableDefinition, ProjectService.CountersTableDefinition, InvitationService.TableDefinition, ApiTokenService.TableDefinition,
            UploadClaims.Definition, ArchitectureService.TableDefinition, DocumentTables.Definition, DocumentTables.TermsDefinition,
            SchemaService.TableDefinition, CodeGenerationRecords.TableDefinition]);
        // The job queues (code generation, deployments), each with a dead-letter queue.
        catalog.Queues.AddRange([new QueueDefinition("code-generation", 5), new QueueDefinition("deployment", 3)]);
        catalog.Topics.AddRange(Topics.All);
        return catalog;
    }

    private static void AddLocalStorage(IServiceCollection services, LocalStorageOptions local)
    {
        var dataPath = Path.GetFullPath(local.DataPath);
        services.TryAddSingleton(_ => new SqliteDatabase(Path.Combine(dataPath, "devplatform.db")));
        services.TryAddSingleton(sp => BlobUrlSigner.FromDataFolder(dataPath, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new FileBlobStore(dataPath, sp.GetRequiredService<BlobUrlSigner>()));
        services.TryAddSingleton<SqliteDocumentStore>();
        services.TryAddSingleton<SqliteMessageQueue>();
        services.TryAddSingleton<InProcessNotificationBus>();
        services.TryAddSingleton<IEmailChannel, NoEmailChannel>();
        services.TryAddSingleton(sp => new SignedBlobDownload(sp.GetRequiredService<FileBlobStore>(), sp.GetRequiredService<BlobUrlSigner>()));
        services.AddSingleton<IStorageSweep>(sp => sp.GetRequiredService<FileBlobStore>());
        AddPorts<SqliteDocumentStore, FileBlobStore, SqliteMessageQueue, InProcessNotificationBus>(services);
    }

    private static void AddAwsStorage(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Region), "Aws:Region is required when Storage:Provider is Aws.")
            .Validate(o => string.IsNullOrEmpty(o.ServiceUrl) || Uri.TryCreate(o.ServiceUrl, UriKind.Absolute, out _),
                "Aws:ServiceUrl must be an absolute URL, such as http://127.0.0.1:4566.")
            .Validate(o => o.FanOutHeartbeatSeconds > 0 && o.FanOutStaleAfterSeconds >= 2 * o.FanOutHeartbeatSeconds,
                "Aws:FanOutStaleAfterSeconds must be at least twice Aws:FanOutHeartbeatSeconds, which must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<AwsOptions>>().Value);
        services.TryAddSingleton<IAmazonDynamoDB>(sp => AwsClientFactory.DynamoDb(sp.GetRequiredService<AwsOptions>()));
        services.TryAddSingleton<IAmazonS3>(sp => AwsClientFactory.S3(sp.GetRequiredService<AwsOptions>()));
        services.TryAddSingleton<IAmazonSQS>(sp => AwsClientFactory.Sqs(sp.GetRequiredService<AwsOptions>()));
        services.AddHttpClient<SnsClient>();
        services.TryAddSingleton<DynamoDocumentStore>();
        services.TryAddSingleton<S3BlobStore>();
        services.TryAddSingleton<SqsMessageQueue>();
        services.TryAddSingleton<SnsNotificationBus>();
        services.AddHostedService<SnsFanOutListener>();
        services.TryAddSingleton<IEmailChannel, SnsEmailChannel>();
        AddPorts<DynamoDocumentStore, S3BlobStore, SqsMessageQueue, SnsNotificationBus>(services);
    }

    private static void AddPorts<TDocuments, TBlobs, TQueues, TNotifications>(IServiceCollection services)
        where TDocuments : class, IDocumentStore, IBackendProbe
        where TBlobs : class, IBlobStore, IBackendProbe
        where TQueues : class, IMessageQueue, IBackendProbe
        where TNotifications : class, INotificationBus, IBackendProbe
    {
        services.TryAddSingleton<IDocumentStore>(sp => sp.GetRequiredService<TDocuments>());
        services.TryAddSingleton<IBlobStore>(sp => sp.GetRequiredService<TBlobs>());
        services.TryAddSingleton<IMessageQueue>(sp => sp.GetRequiredService<TQueues>());
        services.TryAddSingleton<INotificationBus>(sp => sp.GetRequiredService<TNotifications>());
        services.AddSingleton<IBackendProbe>(sp => sp.GetRequiredService<TDocuments>());
        services.AddSingleton<IBackendProbe>(sp => sp.GetRequiredService<TBlobs>());
        services.AddSingleton<IBackendProbe>(sp => sp.GetRequiredService<TQueues>());
        services.AddSingleton<IBackendProbe>(sp => sp.GetRequiredService<TNotifications>());
    }
}
