/* SPDX-License-Identifier: MIT */
/*
 * ws2fix-optgen: what is made of the option table (src/cli/options.def and
 * the source lines of include/ws2fix/sources.def) outside the program.
 *
 *   ws2fix-optgen bash   the bash completion (completion/ws2fix.bash)
 *   ws2fix-optgen json   every option as JSON (docs/cli/options.json),
 *                        which tests/schema/jsoncontract.py reads
 *
 * Built from options_table.c alone, never installed; the files it writes
 * are checked in, and tests/cli/test_options_generated.py fails when one
 * differs from what it writes (the cmake target regen-options rewrites
 * them).
 */
#include <stdio.h>
#include <string.h>

#include "options.h"

static const char *const type_name[] = {"flag", "value", "arg"};
static const char *const complete_name[] = {"none", "file", "dir", "words"};

static void json_string(const char *s)
{
	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void json(void)
{
	printf("{\n  \"generated_by\": \"ws2fix-optgen json (src/cli/options.def)\",\n  \"commands\": [");
	for (int c = 0; c < CLI_CMD_COUNT; c++)
		printf("%s\"%s\"", c ? ", " : "", cli_commands[c].name);
	printf("],\n  \"options\": [\n");
	int first = 1;
	for (int i = 0; i < CLI_O_COUNT; i++) {
		const cli_opt_spec *o = &cli_opts[i];
		printf("%s    {\"command\": ", first ? "" : ",\n");
		first = 0;
		json_string(o->command == CLI_CMD_GLOBAL ? NULL : cli_commands[o->command].name);
		printf(", \"type\": \"%s\", \"name\": ", type_name[o->type]);
		json_string(cli_opt_name((cli_opt_id)i));
		printf(", \"alias\": ");
		json_string(o->alias);
		printf(", \"value\": ");
		json_string(o->value[0]);
		printf(", \"source\": %s, \"complete\": \"%s\", \"words\": ", o->source_kind ? "true" : "false",
			complete_name[o->complete]);
		json_string(o->words);
		printf("}");
	}
	printf("\n  ]\n}\n");
}

/* The bash code that completes the value of option (or argument) @p o. */
static void complete_action(const cli_opt_spec *o)
{
	switch (o->complete) {
	case CLI_COMPLETE_FILE:
		if (o->words && *o->words)
			printf("_ws2fix_files '%s'", o->words);
		else
			printf("_ws2fix_files");
		break;
	case CLI_COMPLETE_DIR:
		printf("_ws2fix_dirs");
		break;
	case CLI_COMPLETE_WORDS:
		printf("COMPREPLY=($(compgen -W \"%s\" -- \"$cur\"))", o->words);
		break;
	default:
		printf(":");
		break;
	}
}

/* 1 when an earlier option of the same name was written already (the
 * same name in two commands completes the same way: checked in main). */
static int seen_before(int i)
{
	for (int k = 0; k < i; k++)
		if (cli_opts[k].type != CLI_OPT_ARG && !strcmp(cli_opt_name((cli_opt_id)k), cli_opt_name((cli_opt_id)i)))
			return 1;
	return 0;
}

/* The names of the options of @p cmd, separated by spaces. */
static void names(cli_command_id cmd, int values_only)
{
	int n = 0;
	for (int i = 0; i < CLI_O_COUNT; i++) {
		const cli_opt_spec *o = &cli_opts[i];
		if (o->command != cmd || o->type == CLI_OPT_ARG || (values_only && o->type != CLI_OPT_VALUE))
			continue;
		printf("%s%s", n++ ? " " : "", cli_opt_name((cli_opt_id)i));
		if (o->alias)
			printf(" %s", o->alias);
	}
}

static void bash(void)
{
	puts("# SPDX-License-Identifier: MIT\n"
	     "# bash completion for ws2fix.  Installed as\n"
	     "# share/bash-completion/completions/ws2fix; bash-completion loads it on the\n"
	     "# first Tab after \"ws2fix\".\n"
	     "#\n"
	     "# Written by ws2fix-optgen from the option table (src/cli/options.def and\n"
	     "# include/ws2fix/sources.def): do not edit, run `cmake --build build\n"
	     "# --target regen-options` (tests/cli/test_options_generated.py checks it).\n"
	     "\n"
	     "_ws2fix()\n"
	     "{\n"
	     "    local cur prev words cword\n"
	     "    if declare -F _init_completion >/dev/null 2>&1; then\n"
	     "        _init_completion || return\n"
	     "    else\n"
	     "        cur=${COMP_WORDS[COMP_CWORD]}\n"
	     "        prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	     "        words=(\"${COMP_WORDS[@]}\")\n"
	     "        cword=$COMP_CWORD\n"
	     "    fi\n");
	printf("    local commands=\"");
	for (int c = 0; c < CLI_CMD_COUNT; c++)
		printf("%s%s", c ? " " : "", cli_commands[c].name);
	printf("\"\n    local globals=\"");
	names(CLI_CMD_GLOBAL, 0);
	printf("\"\n\n    # The value of the option before the cursor.\n    case $prev in\n");
	for (int i = 0; i < CLI_O_COUNT; i++) {
		const cli_opt_spec *o = &cli_opts[i];
		if (o->type != CLI_OPT_VALUE || seen_before(i))
			continue;
		printf("        %s) ", cli_opt_name((cli_opt_id)i));
		complete_action(o);
		printf(" ; return ;;\n");
	}
	printf("    esac\n\n"
	       "    # The command, if one was typed already (skipping the values of\n"
	       "    # global options).\n"
	       "    local i command=\"\"\n"
	       "    for ((i = 1; i < cword; i++)); do\n"
	       "        case ${words[i]} in\n"
	       "            ");
	int n = 0;
	for (int i = 0; i < CLI_O_COUNT; i++)
		if (cli_opts[i].command == CLI_CMD_GLOBAL && cli_opts[i].type == CLI_OPT_VALUE)
			printf("%s%s", n++ ? "|" : "", cli_opt_name((cli_opt_id)i));
	printf(") ((i++)) ;;\n"
	       "            -*) ;;\n"
	       "            *) command=${words[i]}; break ;;\n"
	       "        esac\n"
	       "    done\n\n"
	       "    local opts=\"$globals\"\n"
	       "    case $command in\n");
	for (int c = 0; c < CLI_CMD_COUNT; c++) {
		printf("        %s) opts=\"$globals", cli_commands[c].name);
		int any = 0;
		for (int i = 0; i < CLI_O_COUNT; i++)
			any |= cli_opts[i].command == c && cli_opts[i].type != CLI_OPT_ARG;
		if (any) {
			putchar(' ');
			names((cli_command_id)c, 0);
		}
		printf("\" ;;\n");
	}
	printf("    esac\n\n"
	       "    if [[ $cur == -* ]]; then\n"
	       "        COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
	       "        return\n"
	       "    fi\n"
	       "    case $command in\n"
	       "        \"\") COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\")) ;;\n");
	for (int i = 0; i < CLI_O_COUNT; i++) {
		const cli_opt_spec *o = &cli_opts[i];
		if (o->type != CLI_OPT_ARG || o->complete == CLI_COMPLETE_NONE)
			continue;
		printf("        %s) ", cli_commands[o->command].name);
		complete_action(o);
		printf(" ;;\n");
	}
	puts("    esac\n"
	     "}\n"
	     "\n"
	     "# File names (optionally only those matching an extglob pattern, plus\n"
	     "# directories to walk into) and directory names, with or without\n"
	     "# bash-completion's helpers.\n"
	     "_ws2fix_files()\n"
	     "{\n"
	     "    if declare -F _filedir >/dev/null 2>&1; then\n"
	     "        _filedir \"$1\"\n"
	     "    else\n"
	     "        local IFS=$'\\n'\n"
	     "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
	     "    fi\n"
	     "}\n"
	     "\n"
	     "_ws2fix_dirs()\n"
	     "{\n"
	     "    if declare -F _filedir >/dev/null 2>&1; then\n"
	     "        _filedir -d\n"
	     "    else\n"
	     "        local IFS=$'\\n'\n"
	     "        COMPREPLY=($(compgen -d -- \"$cur\"))\n"
	     "    fi\n"
	     "}\n"
	     "\n"
	     "complete -F _ws2fix ws2fix ws2fix.exe");
}

/* Two options of one name must complete the same way: the completion
 * knows the option before the cursor by its name alone. */
static int check_table(void)
{
	for (int i = 0; i < CLI_O_COUNT; i++)
		for (int k = 0; k < i; k++) {
			const cli_opt_spec *a = &cli_opts[i], *b = &cli_opts[k];
			if (a->type == CLI_OPT_ARG || b->type == CLI_OPT_ARG ||
			    strcmp(cli_opt_name((cli_opt_id)i), cli_opt_name((cli_opt_id)k)))
				continue;
			if (a->type != b->type || a->complete != b->complete ||
			    strcmp(a->words ? a->words : "", b->words ? b->words : "")) {
				fprintf(stderr, "ws2fix-optgen: %s is declared twice, completing differently\n",
					cli_opt_name((cli_opt_id)i));
				return 1;
			}
		}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2 || (strcmp(argv[1], "bash") && strcmp(argv[1], "json"))) {
		fprintf(stderr, "usage: ws2fix-optgen bash|json\n");
		return 2;
	}
	if (check_table())
		return 1;
	if (!strcmp(argv[1], "bash"))
		bash();
	else
		json();
	return 0;
}
