/** A page of a list: its rows and the number of rows in all pages (the query DTO, PageQueryDto, is the api's: apps/api/src/common/page-query.ts). */
export interface Page<T> {
  items: T[];
  total: number;
}
