using GraphQL;
using GraphQL.Types;

namespace FbaMesh.CrystallizeEmulator.Schema;

/// <summary>Declares fields that answer straight from the stored order JSON (see <see cref="JsonSource"/>).</summary>
internal static class StoredFields
{
    public static void Strings(this ObjectGraphType<object> type, params string[] names)
    {
        foreach (var name in names)
        {
            type.Field<StringGraphType>(name).Resolve(context => JsonSource.Text(context.Source, name));
        }
    }

    public static void Id(this ObjectGraphType<object> type, string name) =>
        type.Field<IdGraphType>(name).Resolve(context => JsonSource.Text(context.Source, name));

    public static void Integer(this ObjectGraphType<object> type, string name) =>
        type.Field<IntGraphType>(name).Resolve(context => JsonSource.Integer(context.Source, name));

    public static void Floats(this ObjectGraphType<object> type, params string[] names)
    {
        foreach (var name in names)
        {
            type.Field<StoredFloatGraphType>(name).Resolve(context => JsonSource.Number(context.Source, name));
        }
    }

    public static void DateTime(this ObjectGraphType<object> type, string name) =>
        type.Field<DateTimeTextGraphType>(name).Resolve(context => JsonSource.Text(context.Source, name));

    public static void Object<TGraphType>(this ObjectGraphType<object> type, string name)
        where TGraphType : IGraphType =>
        type.Field<TGraphType>(name).Resolve(context => JsonSource.Object(context.Source, name));

    public static void List<TGraphType>(this ObjectGraphType<object> type, string name)
        where TGraphType : IGraphType =>
        type.Field<ListGraphType<NonNullGraphType<TGraphType>>>(name).Resolve(context => JsonSource.List(context.Source, name));
}
