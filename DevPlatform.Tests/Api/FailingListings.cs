using System.Reflection;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Documents.Local;
using Microsoft.Extensions.DependencyInjection;

namespace DevPlatform.Tests.Api;

/// <summary>The embedded document store, except that every query fails with a message no client may see.</summary>
/// <remarks>Not sealed: DispatchProxy derives its proxy type from it.</remarks>
public class FailingListings : DispatchProxy
{
    public const string Secret = "secret-internal-detail";
    private IDocumentStore _inner = null!;

    public static void Add(IServiceCollection services) => services.AddSingleton(sp =>
    {
        var store = Create<IDocumentStore, FailingListings>();
        ((FailingListings)(object)store)._inner = sp.GetRequiredService<SqliteDocumentStore>();
        return store;
    });

    protected override object? Invoke(MethodInfo? method, object?[]? args) =>
        method!.Name == nameof(IDocumentStore.QueryAsync)
            ? throw new InvalidOperationException(Secret)
            : method.Invoke(_inner, args);
}
